using System;
using System.Threading;
using System.Threading.Tasks;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// The clock that -Wait polling runs on: real time in use. The module's tests replace the
    /// delegates (through reflection) with a virtual clock, so half an hour of polling takes
    /// milliseconds while the intervals asked for are still recorded and checked. A pause is one
    /// <see cref="Delay"/>; <see cref="Tick"/> only paces the progress shown during it.
    /// </summary>
    internal static class PollingClock
    {
        internal static Func<DateTimeOffset> UtcNowSource = () => DateTimeOffset.UtcNow;

        internal static Func<TimeSpan, CancellationToken, Task> DelaySource = (delay, token) => Task.Delay(delay, token);

        internal static Func<TimeSpan, CancellationToken, Task> TickSource = (delay, token) => Task.Delay(delay, token);

        public static DateTimeOffset UtcNow => UtcNowSource();

        public static Task Delay(TimeSpan delay, CancellationToken cancellationToken) => DelaySource(delay, cancellationToken);

        public static Task Tick(TimeSpan delay, CancellationToken cancellationToken) => TickSource(delay, cancellationToken);

        internal static void Reset()
        {
            UtcNowSource = () => DateTimeOffset.UtcNow;
            DelaySource = (delay, token) => Task.Delay(delay, token);
            TickSource = (delay, token) => Task.Delay(delay, token);
        }
    }
}
