using System;
using System.Globalization;
using System.Text.RegularExpressions;

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

        private static readonly Regex IsoPattern = new Regex(
            @"^(?<date>\d{4}-\d{2}-\d{2})" +
            @"(?:[Tt ](?<time>\d{2}:\d{2}(?::\d{2})?)(?:[.,](?<fraction>\d+))?)?" +
            @"\s*(?<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?" +
            // A zone abbreviation after an offset ("+0000 UTC", Go's default) adds nothing; without
            // an offset only UTC/GMT are understood, since other abbreviations are ambiguous.
            @"(?(zone)(?:\s+[A-Z]{2,5})?|(?:\s+(?:UTC|GMT))?)$",
            RegexOptions.CultureInvariant);

        private static readonly Regex UnixPattern = new Regex(@"^\d+(?:\.\d+)?$", RegexOptions.CultureInvariant);

        /// <summary>The time in <paramref name="text"/>, or null when it is not a time this reads.</summary>
        public static DateTimeOffset? Parse(string? text)
        {
            if (text is null)
            {
                return null;
            }
            string trimmed = text.Trim();
            if (UnixPattern.IsMatch(trimmed))
            {
                return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double unix)
                    ? FromUnix(unix)
                    : null;
            }
            return ParseIso(trimmed);
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

        private static DateTimeOffset? ParseIso(string text)
        {
            Match match = IsoPattern.Match(text);
            if (!match.Success)
            {
                return null;
            }

            string time = match.Groups["time"].Success ? match.Groups["time"].Value : "00:00:00";
            if (time.Length == 5)
            {
                time += ":00";
            }
            // DateTimeOffset parses at most seven fraction digits (100 ns); Go sends nine.
            string fraction = match.Groups["fraction"].Value;
            fraction = fraction.Length == 0 ? "0" : fraction.Substring(0, Math.Min(7, fraction.Length));

            string normalized = $"{match.Groups["date"].Value}T{time}.{fraction}{NormalizeZone(match.Groups["zone"].Value)}";
            return DateTimeOffset.TryParseExact(normalized, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset parsed)
                ? parsed
                : (DateTimeOffset?)null;
        }

        /// <summary>"+hh:mm" for any zone spelling; no zone at all is taken as UTC.</summary>
        private static string NormalizeZone(string zone)
        {
            if (zone.Length == 0 || zone == "Z" || zone == "z")
            {
                return "+00:00";
            }
            string digits = zone.Substring(1).Replace(":", string.Empty);
            if (digits.Length == 2)
            {
                digits += "00";
            }
            return $"{zone[0]}{digits.Substring(0, 2)}:{digits.Substring(2, 2)}";
        }
    }
}
