namespace FunnelFlux.Core.Tests.Support;

/// <summary>
/// A clock for the client under test in which waiting costs nothing: every timer fires at once
/// and moves virtual time forward by its due time. Retry delays are recorded for assertions.
/// </summary>
public sealed class VirtualTime : TimeProvider
{
    private long _offsetTicks;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly List<TimeSpan> _delays = new();

    public IReadOnlyList<TimeSpan> Delays
    {
        get { lock (_delays) return _delays.ToList(); }
    }

    public override DateTimeOffset GetUtcNow() => _start + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => new FiringTimer(this, callback, state, dueTime);

    private sealed class FiringTimer : ITimer
    {
        private readonly VirtualTime _time;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private int _fired;

        public FiringTimer(VirtualTime time, TimerCallback callback, object? state, TimeSpan dueTime)
        {
            _time = time;
            _callback = callback;
            _state = state;
            Change(dueTime, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan || Interlocked.Exchange(ref _fired, 1) == 1)
            {
                return true;
            }
            lock (_time._delays) _time._delays.Add(dueTime);
            _time.Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ => _callback(_state));
            return true;
        }

        public void Dispose() { }

        public ValueTask DisposeAsync() => default;
    }
}
