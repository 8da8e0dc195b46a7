namespace FunnelFlux.Emulator;

/// <summary>How an answer goes out on the wire.</summary>
internal enum Delivery
{
    /// <summary>Status, headers and the whole body.</summary>
    Whole,

    /// <summary>Headers announcing the whole length, half of the body, then the connection is aborted.</summary>
    CutHalfway,
}

/// <summary>
/// An answer ready to be written. Endpoints and faults both produce these, which lets a fault take
/// the real answer and spoil it (cut it short, or drop the connection halfway through it).
/// </summary>
internal sealed record ApiResult(int StatusCode, string Body, string ContentType = ApiResult.JsonContentType)
{
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Value of a Retry-After header, when one is to be sent.</summary>
    public string? RetryAfter { get; init; }

    public Delivery Delivery { get; init; } = Delivery.Whole;
}
