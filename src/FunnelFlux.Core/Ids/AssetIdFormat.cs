using System;

namespace FunnelFlux.Ids
{
    /// <summary>
    /// The FunnelFlux asset ID format: 12 base-62 characters, 7 of time (milliseconds since
    /// 2019-07-23T00:00:00Z, most significant digit first) and 5 random.
    /// </summary>
    public static class AssetIdFormat
    {
        /// <summary>Digits in ascending value; also ascending in ordinal (ASCII) order.</summary>
        public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

        public const int Length = 12;
        public const int TimeLength = 7;
        public const int RandomLength = 5;

        /// <summary>Unix milliseconds of 2019-07-23T00:00:00.000Z.</summary>
        public const long EpochUnixMilliseconds = 1563840000000L;

        /// <summary>62^7 - 1: the largest time offset seven digits can hold.</summary>
        public const long MaxTimeOffset = 3521614606207L;

        /// <summary>62^5: how many random values one ID can carry.</summary>
        public const long RandomSpace = 916132832L;

        public static DateTimeOffset MinTimestamp { get; } =
            DateTimeOffset.FromUnixTimeMilliseconds(EpochUnixMilliseconds);

        /// <summary>2131-02-25T10:16:46.207Z, the last instant the format can express.</summary>
        public static DateTimeOffset MaxTimestamp { get; } =
            DateTimeOffset.FromUnixTimeMilliseconds(EpochUnixMilliseconds + MaxTimeOffset);

        /// <summary>True when <paramref name="timestamp"/> can be written as an ID's time part.</summary>
        public static bool IsInRange(DateTimeOffset timestamp) =>
            timestamp >= MinTimestamp && timestamp <= MaxTimestamp;

        /// <summary>The seven-character time part for <paramref name="timestamp"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The time is outside the format's range.</exception>
        public static string EncodeTime(DateTimeOffset timestamp)
        {
            EnsureInRange(timestamp, nameof(timestamp));
            var chars = new char[TimeLength];
            WriteDigits(chars, 0, TimeLength, ToTimeOffset(timestamp));
            return new string(chars);
        }

        internal static void EnsureInRange(DateTimeOffset timestamp, string parameterName)
        {
            if (!IsInRange(timestamp))
            {
                throw new ArgumentOutOfRangeException(parameterName, timestamp,
                    $"FunnelFlux asset IDs can only carry times from {InvariantText.UtcIso(MinTimestamp)} " +
                    $"to {InvariantText.UtcIso(MaxTimestamp)} (UTC); " +
                    $"{InvariantText.UtcIso(timestamp)} is outside that range.");
            }
        }

        internal static long ToTimeOffset(DateTimeOffset timestamp) =>
            timestamp.ToUnixTimeMilliseconds() - EpochUnixMilliseconds;

        /// <summary>Writes <paramref name="value"/> as <paramref name="count"/> base-62 digits, left-padded with '0'.</summary>
        internal static void WriteDigits(char[] buffer, int start, int count, long value)
        {
            for (int i = start + count - 1; i >= start; i--)
            {
                buffer[i] = Alphabet[(int)(value % 62)];
                value /= 62;
            }
        }

        /// <summary>The value of one base-62 digit, or -1 for a character outside the alphabet.</summary>
        internal static int DigitValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
            if (c >= 'a' && c <= 'z') return c - 'a' + 36;
            return -1;
        }
    }
}
