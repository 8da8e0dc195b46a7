using System;
using System.Threading;
using System.Threading.Tasks;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// The clock that -Wait polling runs on. Real time in use; the module's tests swap in a
    /// virtual clock (through reflection) so that half an hour of polling takes milliseconds.
    /// </summary>
    internal class PollingClock
    {
        public static PollingClock Current { get; set; } = new PollingClock();

        public virtual DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

        public virtual Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);
    }
}
