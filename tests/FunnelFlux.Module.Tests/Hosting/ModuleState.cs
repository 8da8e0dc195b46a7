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
        var polling = new VirtualPolling(ResetPollingClock);
        SetPollingClock(() => polling.Now, polling.Delay, tick: null);
        return polling;
    }

    /// <summary>
    /// Virtual time that passes only by the progress ticks of a pause: each tick moves the clock
    /// on by its length, and a pause ends once the ticks have covered it. Shows what a user sees
    /// while a pause runs, without waiting for it. Dispose to restore real time.
    /// </summary>
    public static SteppedPolling UseSteppedPollingClock()
    {
        var polling = new SteppedPolling(ResetPollingClock);
        SetPollingClock(() => polling.Now, polling.Delay, polling.Tick);
        return polling;
    }

    /// <summary>Replaces PollingClock's sources; a null <paramref name="tick"/> keeps the real one.</summary>
    private static void SetPollingClock(Func<DateTimeOffset> now, Func<TimeSpan, CancellationToken, Task> delay, Func<TimeSpan, CancellationToken, Task>? tick)
    {
        var clock = ModuleType("PollingClock");
        clock.GetField("UtcNowSource", BindingFlags.Static | BindingFlags.NonPublic)!.SetValue(null, now);
        clock.GetField("DelaySource", BindingFlags.Static | BindingFlags.NonPublic)!.SetValue(null, delay);
        if (tick != null)
        {
            clock.GetField("TickSource", BindingFlags.Static | BindingFlags.NonPublic)!.SetValue(null, tick);
        }
    }

    private static void ResetPollingClock() =>
        ModuleType("PollingClock").GetMethod("Reset", BindingFlags.Static | BindingFlags.NonPublic)!.Invoke(null, null);

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

public sealed class SteppedPolling : IDisposable
{
    private readonly Action _restore;
    private readonly List<TimeSpan> _pauses = new();
    private TaskCompletionSource? _pause;
    private DateTimeOffset _pauseEnds;

    public SteppedPolling(Action restore) => _restore = restore;

    public DateTimeOffset Now { get; private set; } = DateTimeOffset.Parse("2026-11-23T00:00:00Z");

    public IReadOnlyList<TimeSpan> Pauses => _pauses;

    public int Ticks { get; private set; }

    public Task Delay(TimeSpan delay, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        _pauses.Add(delay);
        _pauseEnds = Now + delay;
        _pause = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A pause nobody ticks through ends after 5 real seconds, so such a test fails, not hangs.
        var pause = _pause;
        _ = Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => pause.TrySetResult(), TaskScheduler.Default);
        return _pause.Task;
    }

    public Task Tick(TimeSpan delay, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        Ticks++;
        Now = Now + delay < _pauseEnds ? Now + delay : _pauseEnds;
        if (Now >= _pauseEnds)
        {
            _pause?.TrySetResult();
        }
        return Task.CompletedTask;
    }

    public void Dispose() => _restore();
}
