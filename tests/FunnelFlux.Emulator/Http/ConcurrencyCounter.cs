namespace FunnelFlux.Emulator;

/// <summary>
/// Counts requests in flight, remembers the highest count and how many ever arrived. A request
/// leaves the count when its answer is ready, just before it is written, so a client that waits for
/// each answer before sending the next request is never seen as concurrent.
/// </summary>
internal sealed class ConcurrencyCounter
{
    private int _current;
    private int _max;
    private long _total;

    public int Max => Volatile.Read(ref _max);

    /// <summary>Requests in flight right now.</summary>
    public int Current => Volatile.Read(ref _current);

    /// <summary>Requests that ever entered (a reset does not change it).</summary>
    public long Total => Interlocked.Read(ref _total);

    public Lease Enter()
    {
        Interlocked.Increment(ref _total);
        int now = Interlocked.Increment(ref _current);
        int seen = Volatile.Read(ref _max);
        while (now > seen)
        {
            int previous = Interlocked.CompareExchange(ref _max, now, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }

        return new Lease(this);
    }

    /// <summary>Starts a new measurement; requests still in flight count towards it.</summary>
    public void Reset() => Interlocked.Exchange(ref _max, Volatile.Read(ref _current));

    internal sealed class Lease(ConcurrencyCounter owner) : IDisposable
    {
        private int _exited;

        public void Exit()
        {
            if (Interlocked.Exchange(ref _exited, 1) == 0)
            {
                Interlocked.Decrement(ref owner._current);
            }
        }

        public void Dispose() => Exit();
    }
}
