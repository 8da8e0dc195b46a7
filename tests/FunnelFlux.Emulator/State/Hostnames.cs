using System.Text.RegularExpressions;

namespace FunnelFlux.Emulator;

/// <summary>
/// Hostname validation the way a careful API would do it: at least two labels, LDH characters only,
/// no empty labels. Anything else (slashes, '%', "..", spaces) is INVALID_DOMAIN.
/// </summary>
internal static partial class Hostnames
{
    public static bool TryNormalize(string? raw, out string hostname)
    {
        hostname = string.Empty;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return false;
        }

        string candidate = raw.Trim().ToLowerInvariant();
        if (candidate.Length > 253 || !HostnamePattern().IsMatch(candidate))
        {
            return false;
        }

        hostname = candidate;
        return true;
    }

    [GeneratedRegex("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostnamePattern();
}
