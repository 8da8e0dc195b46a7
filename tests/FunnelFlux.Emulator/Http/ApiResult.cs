namespace FunnelFlux.Emulator;

/// <summary>
/// An answer ready to be written. Endpoints and faults both produce these, which lets a fault take
/// the real answer and spoil it (cut it short, or drop the connection halfway through it).
/// </summary>
internal sealed record ApiResult(int StatusCode, string Body, string ContentType = ApiResult.JsonContentType)
{
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Value of a Retry-After header, when one is to be sent.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Send the headers and half of the body, then abort the connection.</summary>
    public bool DropHalfway { get; init; }
}
