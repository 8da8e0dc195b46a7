namespace FunnelFlux.Core.Tests.Support;

/// <summary>
/// A clock for the client under test that moves only when the test says so: a timer fires once
/// <see cref="Advance"/> passes its due time, never before. It lets a test hold requests in their
/// waits and look at what reached the wire meanwhile.
/// </summary>
public sealed class HeldTime : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<HeldTimer> _armed = new();
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How many timers are waiting to fire.</summary>
    public int Waiting
    {
        get { lock (_gate) return _armed.Count; }
    }

    public void Advance(TimeSpan by)
    {
        List<HeldTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _armed.Where(t => t.DueAt <= _now).ToList();
            foreach (var timer in due) _armed.Remove(timer);
        }
        foreach (var timer in due) ThreadPool.QueueUserWorkItem(_ => timer.Fire());
    }

    /// <summary>Waits (real time, at most 5 s) until <paramref name="count"/> timers are waiting.</summary>
    public async Task UntilWaitingAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Waiting < count && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(Waiting >= count, $"expected {count} waiting timers, found {Waiting}");
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new HeldTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class HeldTimer(HeldTime time, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (time._gate)
            {
                time._armed.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                DueAt = time._now + dueTime;
                time._armed.Add(this);
            }
            if (dueTime <= TimeSpan.Zero) time.Advance(TimeSpan.Zero);
            return true;
        }

        public void Dispose()
        {
            lock (time._gate) time._armed.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
