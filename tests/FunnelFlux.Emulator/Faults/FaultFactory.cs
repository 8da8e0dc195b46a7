namespace FunnelFlux.Emulator;

/// <summary>
/// Builds a <see cref="Fault"/> from its kind name and named arguments: the one place where the
/// command line's --fault and the control endpoint's POST /_emulator/faults get their faults.
/// </summary>
internal static class FaultFactory
{
    private sealed record Kind(string Name, string? Primary, string[] Arguments, Func<FaultArguments, string, Fault> Build, string Help);

    private static readonly Kind[] Table =
    {
        new("status", "statusCode", new[] { "statusCode", "retryAfter", "body" },
            (a, k) => Fault.Status(a.Int("statusCode", 500, 200, 599), a.String("retryAfter"), a.String("body")),
            "an error status (default 500) with a failure envelope, or 'body'; 'retryAfter' adds Retry-After"),
        new("error", "statusCode", new[] { "statusCode", "errorCode", "errorMessage" },
            (a, k) => Fault.Error(a.Int("statusCode", 400, 200, 599), a.RequiredString("errorCode", k), a.String("errorMessage") ?? "Emulated " + a.RequiredString("errorCode", k)),
            "the failure envelope {success:false,error_code,error_message} with any status (default 400)"),
        new("html", "statusCode", new[] { "statusCode" },
            (a, k) => Fault.Html(a.Int("statusCode", 502, 200, 599)),
            "an HTML error page (default 502), as a proxy would send"),
        new("drop", null, Array.Empty<string>(),
            (a, k) => Fault.DropConnection(),
            "headers and half of the body, then the connection is aborted"),
        new("delay", "milliseconds", new[] { "milliseconds" },
            (a, k) => Fault.Delay(TimeSpan.FromMilliseconds(Required(a, "milliseconds", k, 0, int.MaxValue))),
            "wait that long (real time), then the real answer"),
        new("truncated", null, Array.Empty<string>(),
            (a, k) => Fault.TruncatedJson(),
            "200 with the real JSON cut in half (the request always acts)"),
        new("successFalse", "errorCode", new[] { "errorCode", "errorMessage" },
            (a, k) => Fault.SuccessFalse(a.RequiredString("errorCode", k), a.String("errorMessage") ?? "Emulated " + a.RequiredString("errorCode", k)),
            "HTTP 200 whose envelope says success false"),
        new("expiredToken", "statusCode", new[] { "statusCode" },
            (a, k) => Fault.ExpiredToken(a.Int("statusCode", 401, 400, 499)),
            "answer as for an expired access token (TOKEN_EXPIRED, default 401)"),
        new("close", null, Array.Empty<string>(),
            (a, k) => Fault.Close(),
            "read the request, then close the connection without a single byte"),
        new("oversize", "bytes", new[] { "bytes" },
            (a, k) => Fault.Oversize(a.Long("bytes", 200L << 20, OversizeJsonBody.MinimumLength, 16L << 30)),
            "200 with valid JSON of exactly that many bytes (default 200MB), streamed"),
        new("slowBody", "chunkDelayMs", new[] { "bytesPerChunk", "chunkDelayMs" },
            (a, k) => Fault.SlowBody(a.Int("bytesPerChunk", 8, 1, 1 << 20), TimeSpan.FromMilliseconds(a.Int("chunkDelayMs", 500, 0, 600_000))),
            "the real headers at once, then the body trickled (default 8 bytes every 500 ms); the request always acts"),
        new("redirect", "statusCode", new[] { "statusCode", "location" },
            (a, k) => Redirect(a),
            "a 301/302/303/307/308 (default 302) to 'location' (default: this emulator under /redirected)"),
    };

    /// <summary>Kind names as the command line and control endpoint spell them.</summary>
    public static IEnumerable<string> KindNames => Table.Select(k => k.Name);

    /// <summary>Two lines per kind for --help: the kind with its arguments, then what it does.</summary>
    public static IEnumerable<string> HelpLines => Table.SelectMany(k => new[]
    {
        string.Join(' ', new[] { k.Name }
            .Concat(k.Primary is null ? Array.Empty<string>() : new[] { $"[{k.Primary}]" })
            .Concat(k.Arguments.Where(a => a != k.Primary).Select(a => a + "=..")))
            + (k.Primary is null ? string.Empty : $"   ({k.Primary}=.. also works)"),
        "    " + k.Help,
    });

    /// <summary>The primary argument of a kind (what a bare value on the command line means), or null.</summary>
    public static string? PrimaryArgument(string kind) => Find(kind).Primary;

    public static Fault Create(string kind, FaultArguments arguments, bool afterAction)
    {
        Kind found = Find(kind);
        arguments.AllowOnly(found.Name, found.Arguments);
        return found.Build(arguments, found.Name) with { AfterAction = afterAction };
    }

    private static Kind Find(string kind) =>
        Table.FirstOrDefault(k => string.Equals(k.Name, kind, StringComparison.OrdinalIgnoreCase))
        ?? throw new FormatException($"Unknown fault kind '{kind}'; the kinds are {string.Join(", ", KindNames)}.");

    private static Fault Redirect(FaultArguments a)
    {
        int status = a.Int("statusCode", 302, 300, 399);
        string? location = a.String("location");
        if (status is not (301 or 302 or 303 or 307 or 308))
        {
            throw new FormatException($"'statusCode' of a redirect must be 301, 302, 303, 307 or 308, not {status}.");
        }

        if (location is not null && !RedirectFault.IsAllowedLocation(location))
        {
            throw new FormatException($"'location' must be a relative URL or an http(s) URL on loopback, not '{location}'.");
        }

        return Fault.Redirect(status, location);
    }

    private static long Required(FaultArguments a, string name, string kind, long min, long max) =>
        a.Has(name) ? a.Long(name, 0, min, max) : throw new FormatException($"Fault kind '{kind}' needs '{name}'.");
}
