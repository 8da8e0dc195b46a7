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
    };

    /// <summary>Kind names as the command line and control endpoint spell them.</summary>
    public static IEnumerable<string> KindNames => Table.Select(k => k.Name);

    /// <summary>One line per kind with its arguments, for --help.</summary>
    public static IEnumerable<string> HelpLines => Table.Select(k =>
        $"{k.Name}{(k.Arguments.Length == 0 ? string.Empty : " [" + string.Join("=.. ", k.Arguments) + "=..]")}: {k.Help}" +
        (k.Primary is null ? string.Empty : $" (a bare value is '{k.Primary}')"));

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

    private static long Required(FaultArguments a, string name, string kind, long min, long max) =>
        a.Has(name) ? a.Long(name, 0, min, max) : throw new FormatException($"Fault kind '{kind}' needs '{name}'.");
}
