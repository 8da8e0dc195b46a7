using System;
using System.Globalization;

namespace FunnelFlux.Domains
{
    /// <summary>
    /// Reads the API's times, whose formats are undocumented or loosely documented: RFC 3339 /
    /// ISO 8601 text (including Go's nanosecond fractions and "+0000 UTC" spelling), or Unix time
    /// in seconds or milliseconds.
    /// </summary>
    internal static class ApiTimestamp
    {
        /// <summary>Above this a Unix time is taken as milliseconds: 10^11 s is in the year 5138.</summary>
        public const double MillisecondsThreshold = 1e11;

        /// <summary>The time in <paramref name="text"/>, or null when it is not a time this reads.</summary>
        /// <remarks>
        /// Read by hand, character by character: a list answer has one time per domain, and a
        /// pattern match plus a culture-aware exact parse cost more than the rest of the mapping.
        /// What is accepted, as a pattern: <c>^\d+(\.\d+)?$</c> (Unix time), or
        /// <c>^date([Tt ]hh:mm(:ss)?([.,]fraction)?)?\s*(Z|[+-]hh(:?mm)?)?</c> followed, after a
        /// zone, by an optional <c>\s+[A-Z]{2,5}</c>, or, without one, by an optional
        /// <c>\s+(UTC|GMT)</c>; digits are ASCII; no zone means UTC; fractions beyond seven digits
        /// (100 ns) are cut.
        /// </remarks>
        public static DateTimeOffset? Parse(string? text)
        {
            if (text is null)
            {
                return null;
            }
            int start = 0;
            int end = text.Length;
            while (start < end && char.IsWhiteSpace(text[start])) start++;
            while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
            if (start == end)
            {
                return null;
            }
            if (IsUnixNumber(text, start, end))
            {
                return double.TryParse(text.Substring(start, end - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double unix)
                    ? FromUnix(unix)
                    : null;
            }
            return ParseIso(text, start, end);
        }

        /// <summary>
        /// A Unix time in seconds, or in milliseconds above <see cref="MillisecondsThreshold"/>.
        /// Zero and negative values are taken as "not set" (the API's examples send 0).
        /// </summary>
        public static DateTimeOffset? FromUnix(double? value)
        {
            if (value is null || double.IsNaN(value.Value) || value.Value <= 0)
            {
                return null;
            }
            double milliseconds = value.Value > MillisecondsThreshold ? value.Value : value.Value * 1000;
            if (milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return null;
            }
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(milliseconds));
        }

        /// <summary>Digits, optionally with a fraction: <c>^\d+(\.\d+)?$</c>.</summary>
        private static bool IsUnixNumber(string text, int start, int end)
        {
            int i = start;
            while (i < end && IsDigit(text[i])) i++;
            if (i == start)
            {
                return false;
            }
            if (i == end)
            {
                return true;
            }
            if (text[i] != '.' || i + 1 == end)
            {
                return false;
            }
            for (i++; i < end; i++)
            {
                if (!IsDigit(text[i])) return false;
            }
            return true;
        }

        private static DateTimeOffset? ParseIso(string text, int start, int end)
        {
            int i = start;
            if (!Digits(text, ref i, end, 4, out int year) || !Char(text, ref i, end, '-') ||
                !Digits(text, ref i, end, 2, out int month) || !Char(text, ref i, end, '-') ||
                !Digits(text, ref i, end, 2, out int day))
            {
                return null;
            }

            int hour = 0, minute = 0, second = 0;
            long fractionTicks = 0;
            // "[Tt ]hh:mm": a space followed by anything else is the space before a zone.
            if (i < end && (text[i] == 'T' || text[i] == 't' || text[i] == ' ') && LooksLikeTime(text, i + 1, end))
            {
                i++;
                Digits(text, ref i, end, 2, out hour);
                i++; // ':'
                Digits(text, ref i, end, 2, out minute);
                if (i < end && text[i] == ':')
                {
                    i++;
                    if (!Digits(text, ref i, end, 2, out second))
                    {
                        return null;
                    }
                }
                if (i < end && (text[i] == '.' || text[i] == ','))
                {
                    i++;
                    int first = i;
                    while (i < end && IsDigit(text[i]))
                    {
                        if (i - first < 7)
                        {
                            fractionTicks = fractionTicks * 10 + (text[i] - '0');
                        }
                        i++;
                    }
                    if (i == first)
                    {
                        return null;
                    }
                    for (int scale = Math.Min(7, i - first); scale < 7; scale++)
                    {
                        fractionTicks *= 10;
                    }
                }
            }

            int spaces = SkipWhiteSpace(text, ref i, end);
            int offsetMinutes = 0;
            bool zone = false;
            if (i < end && (text[i] == 'Z' || text[i] == 'z'))
            {
                zone = true;
                i++;
            }
            else if (i < end && (text[i] == '+' || text[i] == '-') && i + 2 < end && IsDigit(text[i + 1]) && IsDigit(text[i + 2]))
            {
                zone = true;
                int sign = text[i] == '-' ? -1 : 1;
                i++;
                Digits(text, ref i, end, 2, out int offsetHours);
                int offsetMinute = 0;
                // "(:?mm)?": the minutes, with or without a colon, only when two digits follow.
                int colon = i < end && text[i] == ':' ? 1 : 0;
                if (i + colon + 1 < end && IsDigit(text[i + colon]) && IsDigit(text[i + colon + 1]))
                {
                    i += colon;
                    Digits(text, ref i, end, 2, out offsetMinute);
                }
                if (offsetMinute > 59)
                {
                    return null;
                }
                offsetMinutes = sign * (offsetHours * 60 + offsetMinute);
            }

            if (zone)
            {
                // A zone abbreviation after an offset ("+0000 UTC", Go's default) adds nothing.
                if (SkipWhiteSpace(text, ref i, end) > 0)
                {
                    int letters = 0;
                    while (i < end && text[i] >= 'A' && text[i] <= 'Z') { i++; letters++; }
                    if (letters < 2 || letters > 5)
                    {
                        return null;
                    }
                }
            }
            else if (i < end)
            {
                // Without an offset only UTC and GMT are understood; other abbreviations are ambiguous.
                if (spaces == 0 || end - i != 3 || !(string.CompareOrdinal(text, i, "UTC", 0, 3) == 0 || string.CompareOrdinal(text, i, "GMT", 0, 3) == 0))
                {
                    return null;
                }
                i = end;
            }
            if (i != end)
            {
                return null;
            }

            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
                hour > 23 || minute > 59 || second > 59 || Math.Abs(offsetMinutes) > 14 * 60)
            {
                return null;
            }
            try
            {
                return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(fractionTicks);
            }
            catch (ArgumentOutOfRangeException)
            {
                // In range as written, but not once moved to UTC (0001-01-01T00:00+01:00).
                return null;
            }
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        /// <summary>"hh:mm" at <paramref name="i"/>.</summary>
        private static bool LooksLikeTime(string text, int i, int end) =>
            i + 4 < end && IsDigit(text[i]) && IsDigit(text[i + 1]) && text[i + 2] == ':' && IsDigit(text[i + 3]) && IsDigit(text[i + 4]);

        private static bool Digits(string text, ref int i, int end, int count, out int value)
        {
            value = 0;
            if (end - i < count)
            {
                return false;
            }
            for (int k = 0; k < count; k++)
            {
                char c = text[i + k];
                if (!IsDigit(c))
                {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
            i += count;
            return true;
        }

        private static bool Char(string text, ref int i, int end, char expected)
        {
            if (i < end && text[i] == expected)
            {
                i++;
                return true;
            }
            return false;
        }

        private static int SkipWhiteSpace(string text, ref int i, int end)
        {
            int from = i;
            while (i < end && char.IsWhiteSpace(text[i])) i++;
            return i - from;
        }
    }
}
