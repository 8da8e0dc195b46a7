namespace FunnelFlux.Core.Tests.Support;

/// <summary>
/// The bytes the whole process allocated while some work ran, after a collection so that what
/// came before is settled. Process-wide, so the tests that use it run alone (MemoryMeasurement).
/// </summary>
public static class ProcessAllocations
{
    public static async Task<long> OverAsync(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        await work();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }
}
