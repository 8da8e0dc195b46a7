namespace FunnelFlux.Emulator;

/// <summary>How an answer goes out on the wire.</summary>
internal enum Delivery
{
    /// <summary>Status, headers and the whole body.</summary>
    Whole,

    /// <summary>Headers announcing the whole length, half of the body, then the connection is aborted.</summary>
    CutHalfway,

    /// <summary>Not a single byte: the connection is aborted (no status line, no headers).</summary>
    CloseWithoutAnswer,

    /// <summary>Headers at once, then the body a few bytes at a time with a pause before each piece.</summary>
    Trickle,

    /// <summary>A body produced while it is written (<see cref="ApiResult.Streamed"/>), never held whole.</summary>
    Streamed,
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

    /// <summary>Value of a Location header, when one is to be sent.</summary>
    public string? Location { get; init; }

    public Delivery Delivery { get; init; } = Delivery.Whole;

    /// <summary>For <see cref="Delivery.Trickle"/>: bytes per piece.</summary>
    public int TrickleBytes { get; init; } = 1;

    /// <summary>For <see cref="Delivery.Trickle"/>: the pause before each piece.</summary>
    public TimeSpan TrickleDelay { get; init; }

    /// <summary>For <see cref="Delivery.Streamed"/>: the body, written piece by piece.</summary>
    public OversizeJsonBody? Streamed { get; init; }
}
