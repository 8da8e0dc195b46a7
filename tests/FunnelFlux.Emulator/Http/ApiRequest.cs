namespace FunnelFlux.Emulator;

/// <summary>
/// A request reduced to what the endpoints need. <see cref="Segments"/> are the path segments after
/// "/v1", each URL-unescaped exactly once (so "%2F" inside a hostname stays a character of that
/// segment and is then rejected as an invalid hostname, instead of changing the route).
/// </summary>
internal sealed record ApiRequest(string Method, IReadOnlyList<string> Segments, string? Body, string? BearerToken);
