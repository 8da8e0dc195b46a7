namespace FunnelFlux.Core.Tests.Support;

/// <summary>
/// Runs work that must finish, on a pool thread, and fails the test if it has not after a long
/// wait. Not a speed check: the wait only keeps a return to a runaway (say, quadratic) algorithm
/// from hanging the test run.
/// </summary>
public static class Finishing
{
    public static async Task<T> WithinAsync<T>(Func<T> work, TimeSpan wait)
    {
        var running = Task.Run(work);
        var first = await Task.WhenAny(running, Task.Delay(wait));
        Assert.True(ReferenceEquals(running, first), $"the work had not finished after {wait.TotalSeconds:0} s");
        return await running;
    }
}
