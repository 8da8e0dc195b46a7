using System;
using System.Globalization;

namespace FunnelFlux
{
    /// <summary>
    /// Times and numbers in the module's messages, written the same in every culture: the messages
    /// are English, and under da-DK a culture-bound "HH:mm" prints "10.16" and "0.#" prints "2,5".
    /// </summary>
    internal static class InvariantText
    {
        /// <summary>UTC to the second, as a person reads it: 2026-01-01 10:16:46Z.</summary>
        public static string UtcSeconds(DateTimeOffset time) =>
            time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        /// <summary>
        /// UTC in ISO 8601 to the millisecond (an asset ID's precision), or to the tick when the
        /// time has more: a cut time would read as the limit it was refused for exceeding.
        /// </summary>
        public static string UtcIso(DateTimeOffset time)
        {
            var utc = time.ToUniversalTime();
            string format = utc.Ticks % TimeSpan.TicksPerMillisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
            return utc.ToString(format, CultureInfo.InvariantCulture);
        }

        /// <summary><paramref name="value"/> with a full stop for its decimal point.</summary>
        public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
    }
}
