using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace FunnelFlux.Emulator;

/// <summary>What the standalone emulator will listen on, and what it had to change to get there.</summary>
public sealed record LoopbackUrlPlan(IReadOnlyList<IPEndPoint> Endpoints, IReadOnlyList<string> Notices);

/// <summary>
/// Turns a user's --urls value into loopback endpoints. The emulator holds tokens and accepts any
/// request, so it must never be reachable from another machine: every host that is not a loopback
/// address is replaced by 127.0.0.1, and each change is reported so the user is not surprised.
/// </summary>
public static partial class LoopbackUrls
{
    public const int DefaultPort = 5099;

    /// <summary>The value of "--urls X" or "--urls=X" among the arguments, or null.</summary>
    public static string? FromArguments(IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--urls=", StringComparison.OrdinalIgnoreCase))
            {
                return args[i]["--urls=".Length..];
            }

            if (string.Equals(args[i], "--urls", StringComparison.OrdinalIgnoreCase) && i + 1 < args.Count)
            {
                return args[i + 1];
            }
        }

        return null;
    }

    /// <summary>
    /// Parses a ';'-separated URL list, as ASP.NET Core's --urls takes, into loopback endpoints. The
    /// scheme comes from <paramref name="https"/> (the --https flag), never from the URLs; a URL
    /// whose scheme says otherwise gets a notice.
    /// </summary>
    public static LoopbackUrlPlan Sanitize(string? urls, bool https = false)
    {
        var endpoints = new List<IPEndPoint>();
        var notices = new List<string>();
        string[] entries = (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string entry in entries)
        {
            IPEndPoint? endpoint = ParseOne(entry, https, notices);
            if (endpoint is not null && !endpoints.Contains(endpoint))
            {
                endpoints.Add(endpoint);
            }
        }

        if (endpoints.Count == 0)
        {
            if (entries.Length > 0)
            {
                notices.Add($"No usable URL in --urls; listening on http://127.0.0.1:{DefaultPort}.");
            }

            endpoints.Add(new IPEndPoint(IPAddress.Loopback, DefaultPort));
        }

        return new LoopbackUrlPlan(endpoints, notices);
    }

    private static IPEndPoint? ParseOne(string url, bool https, List<string> notices)
    {
        Match m = UrlPattern().Match(url);
        if (!m.Success)
        {
            notices.Add($"Ignored '{url}': not a URL of the form http://host:port.");
            return null;
        }

        string scheme = m.Groups["scheme"].Value.ToLowerInvariant();
        if (scheme == "https" && !https)
        {
            notices.Add($"'{url}': https needs --https (a self-signed certificate); serving plain http.");
        }
        else if (scheme == "http" && https)
        {
            notices.Add($"'{url}': served as https because of --https.");
        }
        else if (scheme is not ("http" or "https"))
        {
            notices.Add($"Ignored '{url}': only http URLs are supported.");
            return null;
        }

        int port = DefaultPort;
        string portText = m.Groups["port"].Value;
        if (portText.Length > 0 && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > IPEndPoint.MaxPort))
        {
            notices.Add($"Ignored '{url}': '{portText}' is not a port number.");
            return null;
        }

        string path = m.Groups["path"].Value;
        if (path.Length > 0 && path != "/")
        {
            notices.Add($"'{url}': the path is ignored; the API is always served under /v1.");
        }

        return new IPEndPoint(LoopbackAddressFor(m.Groups["host"].Value, url, notices), port);
    }

    private static IPAddress LoopbackAddressFor(string host, string url, List<string> notices)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        string bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(bare, out IPAddress? address) && IPAddress.IsLoopback(address))
        {
            return address;
        }

        notices.Add($"'{url}': host '{host}' is not a loopback address; listening on 127.0.0.1 instead (the emulator is never reachable from other machines).");
        return IPAddress.Loopback;
    }

    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?<host>\[[^\]]*\]|[^:/\[\]]*)(?::(?<port>[^/]*))?(?<path>/.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
