using System;
using System.Threading;

namespace FunnelFlux.Http
{
    /// <summary>
    /// The session's one back-off gate. FunnelFlux rate limits an account, not a request: when any
    /// request of a session is told to back off (HTTP 429), every request of that session, from
    /// throttled cmdlets and parallel runspaces alike, waits until the same moment instead of
    /// spending its own retries against a server that is already limiting the account.
    /// </summary>
    internal sealed class BackoffGate
    {
        private readonly TimeProvider _time;
        private long _closedUntilTicks;

        public BackoffGate(TimeProvider time) => _time = time;

        /// <summary>The moment requests may go out again; null when the gate has never closed.</summary>
        public DateTimeOffset? ClosedUntil
        {
            get
            {
                long ticks = Interlocked.Read(ref _closedUntilTicks);
                return ticks == 0 ? (DateTimeOffset?)null : new DateTimeOffset(ticks, TimeSpan.Zero);
            }
        }

        /// <summary>How long a request that wants to go out now must wait first.</summary>
        public TimeSpan Remaining
        {
            get
            {
                var until = ClosedUntil;
                if (!until.HasValue)
                {
                    return TimeSpan.Zero;
                }
                var wait = until.Value - _time.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        /// <summary>Keeps requests back until <paramref name="until"/>; a later moment already set wins.</summary>
        public void CloseUntil(DateTimeOffset until)
        {
            long wanted = until.UtcTicks;
            while (true)
            {
                long seen = Interlocked.Read(ref _closedUntilTicks);
                if (seen >= wanted || Interlocked.CompareExchange(ref _closedUntilTicks, wanted, seen) == seen)
                {
                    return;
                }
            }
        }
    }
}
