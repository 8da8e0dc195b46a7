namespace FunnelFlux.Emulator;

/// <summary>
/// One request as the emulator received it. Path is the raw path (still URL-escaped), Query is the
/// raw query without its leading '?', or null. StatusCode is what was answered, 0 when the
/// connection was dropped (by a fault or by the client). Tokens never appear here: the
/// Authorization header is reduced to HadAuthorization, and token values in the
/// path, query or body are replaced by "***".
/// </summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string? Query,
    string? Body,
    bool HadAuthorization,
    int StatusCode,
    DateTimeOffset At);
