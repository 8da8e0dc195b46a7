using System.Globalization;
using System.Text;

namespace FunnelFlux.Emulator;

/// <summary>
/// One request as the emulator received it. Path is the raw path (still URL-escaped), Query is the
/// raw query without its leading '?', or null. StatusCode is what was answered, 0 whenever the
/// client did not get a whole answer (see <see cref="Outcome"/>). Tokens never appear here: the
/// Authorization header is reduced to HadAuthorization, and token values in the path, query, body
/// and headers are replaced by "***".
/// </summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string? Query,
    string? Body,
    bool HadAuthorization,
    int StatusCode,
    DateTimeOffset At)
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How the exchange ended. Defaults to Answered for a status, Dropped for 0 (as before this existed).</summary>
    public RequestOutcome Outcome { get; init; } = StatusCode == 0 ? RequestOutcome.Dropped : RequestOutcome.Answered;

    /// <summary>
    /// Content-Type, Accept, User-Agent and Content-Length exactly as received, keyed by those names
    /// (case-insensitive); a header the client did not send is absent. No other header is kept.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = NoHeaders;

    /// <summary>Value equality, headers compared by content.</summary>
    public bool Equals(RecordedRequest? other) =>
        other is not null &&
        Method == other.Method &&
        Path == other.Path &&
        Query == other.Query &&
        Body == other.Body &&
        HadAuthorization == other.HadAuthorization &&
        StatusCode == other.StatusCode &&
        At == other.At &&
        Outcome == other.Outcome &&
        Headers.Count == other.Headers.Count &&
        Headers.All(h => other.Headers.TryGetValue(h.Key, out string? v) && v == h.Value);

    public override int GetHashCode() => HashCode.Combine(Method, Path, Query, Body, HadAuthorization, StatusCode, At, Outcome);

    // Shows the headers themselves in ToString (and so in test failure messages).
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Method = {Method}, Path = {Path}, Query = {Query}, Body = {Body}, HadAuthorization = {HadAuthorization}, ");
        builder.Append(CultureInfo.InvariantCulture, $"StatusCode = {StatusCode}, At = {At:O}, Outcome = {Outcome}, Headers = {{ ");
        builder.Append(string.Join(", ", Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase).Select(h => h.Key + ": " + h.Value)));
        builder.Append(" }");
        return true;
    }
}

/// <summary>How a recorded exchange ended.</summary>
public enum RequestOutcome
{
    /// <summary>A whole answer was sent (whatever its status or body).</summary>
    Answered,

    /// <summary>A fault closed the connection without sending a single byte of an answer.</summary>
    Closed,

    /// <summary>A fault cut the answer off part way (headers and part of the body were sent).</summary>
    Dropped,

    /// <summary>The client went away (or the emulator stopped) before the answer was complete.</summary>
    Abandoned,
}
