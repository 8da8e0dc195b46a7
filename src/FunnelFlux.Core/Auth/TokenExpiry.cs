using System;
using System.Globalization;
using System.Text.Json;

namespace FunnelFlux.Auth
{
    /// <summary>
    /// expires_at is a number whose unit is undocumented: a value above 10^11 is taken as Unix
    /// milliseconds (10^11 seconds would be the year 5138), anything else as Unix seconds.
    /// </summary>
    internal static class TokenExpiry
    {
        private const double MillisecondsThreshold = 1e11;

        public static DateTimeOffset? FromUnixNumber(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value) || value <= 0)
            {
                return null;
            }
            double ms = value > MillisecondsThreshold ? value : value * 1000.0;
            if (ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return null;
            }
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(ms));
        }

        public static DateTimeOffset? FromJson(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Number:
                    return element.TryGetDouble(out double n) ? FromUnixNumber(n) : null;
                case JsonValueKind.String:
                    string? text = element.GetString();
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
                    {
                        return FromUnixNumber(parsed);
                    }
                    return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                        ? date.ToUniversalTime()
                        : (DateTimeOffset?)null;
                default:
                    return null;
            }
        }
    }
}
