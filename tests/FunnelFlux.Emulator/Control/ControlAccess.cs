using System.Net;

namespace FunnelFlux.Emulator;

/// <summary>
/// Who may use the control endpoints: only a client on loopback that also addresses the emulator
/// by a loopback name. The server only listens on loopback anyway; the Host check keeps a web page
/// that rebinds its own DNS name to 127.0.0.1 from reading the issued tokens.
/// </summary>
internal static class ControlAccess
{
    public static bool Allows(IPAddress? remote, string? host)
    {
        if (remote is null || !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return false;
        }

        return string.IsNullOrEmpty(host) || IsLoopbackName(HostWithoutPort(host));
    }

    private static string HostWithoutPort(string host)
    {
        if (host.StartsWith('['))
        {
            int end = host.IndexOf(']', StringComparison.Ordinal);
            return end < 0 ? host : host[1..end];
        }

        int colon = host.LastIndexOf(':');
        return colon < 0 ? host : host[..colon];
    }

    private static bool IsLoopbackName(string name) =>
        string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(name, out IPAddress? address) && IPAddress.IsLoopback(address));
}
