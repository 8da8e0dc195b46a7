using System;
using System.Text.Json;
using FunnelFlux.Domains;

namespace FunnelFlux.Auth
{
    /// <summary>
    /// expires_at is a number whose unit is undocumented (seconds or milliseconds); the rule for
    /// telling them apart is the API-wide one in <see cref="ApiTimestamp"/>.
    /// </summary>
    internal static class TokenExpiry
    {
        public static DateTimeOffset? FromJson(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Number:
                    return element.TryGetDouble(out double n) ? ApiTimestamp.FromUnix(n) : null;
                case JsonValueKind.String:
                    return ApiTimestamp.Parse(element.GetString());
                default:
                    return null;
            }
        }
    }
}
