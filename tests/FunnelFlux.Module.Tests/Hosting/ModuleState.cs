using System.Reflection;

namespace FunnelFlux.Module.Tests.Hosting;

/// <summary>Reaches the module's process-wide session state, as loaded from the module folder.</summary>
public static class ModuleState
{
    private static Type ModuleType(string name) =>
        AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "FunnelFlux" && a.Location.StartsWith(ModulePaths.ModuleFolder, StringComparison.Ordinal))
            .GetType("FunnelFlux.Commands.Infrastructure." + name, throwOnError: true)!;

    private static Type SessionType => ModuleType("ModuleSession");

    /// <summary>
    /// Makes -Wait polling run on virtual time: each pause returns at once and moves the clock on.
    /// Returns the pauses asked for. Dispose to restore real time.
    /// </summary>
    public static VirtualPolling UseVirtualPollingClock()
    {
        var clock = ModuleType("PollingClock");
        var polling = new VirtualPolling(() => clock.GetMethod("Reset", BindingFlags.Static | BindingFlags.NonPublic)!.Invoke(null, null));
        clock.GetField("UtcNowSource", BindingFlags.Static | BindingFlags.NonPublic)!.SetValue(null, (Func<DateTimeOffset>)(() => polling.Now));
        clock.GetField("DelaySource", BindingFlags.Static | BindingFlags.NonPublic)!.SetValue(null, (Func<TimeSpan, CancellationToken, Task>)polling.Delay);
        return polling;
    }

    /// <summary>Forget the session and behave as a new process would (which resumes a saved session).</summary>
    public static void SimulateNewProcess() =>
        SessionType.GetMethod("ResetForNewProcess", BindingFlags.Static | BindingFlags.NonPublic)!.Invoke(null, null);
}

public sealed class VirtualPolling : IDisposable
{
    private readonly Action _restore;
    private readonly List<TimeSpan> _pauses = new();

    public VirtualPolling(Action restore) => _restore = restore;

    public DateTimeOffset Now { get; private set; } = DateTimeOffset.Parse("2026-11-23T00:00:00Z");

    public IReadOnlyList<TimeSpan> Pauses => _pauses;

    public Task Delay(TimeSpan delay, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        _pauses.Add(delay);
        Now += delay;
        return Task.CompletedTask;
    }

    public void Dispose() => _restore();
}
