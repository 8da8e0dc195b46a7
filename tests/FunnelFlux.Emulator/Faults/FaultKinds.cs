using Microsoft.AspNetCore.WebUtilities;

namespace FunnelFlux.Emulator;

public sealed record StatusFault(int StatusCode, string? RetryAfter, string? Body) : Fault
{
    internal override ApiResult Answer(ApiResult? real) =>
        new(StatusCode, Body ?? Envelopes.FailureBody(ErrorCodeFor(StatusCode), $"Emulated HTTP {StatusCode}"))
        {
            RetryAfter = RetryAfter,
        };

    private static string ErrorCodeFor(int statusCode) => statusCode switch
    {
        429 => "RATE_LIMITED",
        500 => "INTERNAL_ERROR",
        502 => "BAD_GATEWAY",
        503 => "SERVICE_UNAVAILABLE",
        504 => "GATEWAY_TIMEOUT",
        _ => $"HTTP_{statusCode}",
    };
}

public sealed record ErrorFault(int StatusCode, string ErrorCode, string ErrorMessage) : Fault
{
    internal override ApiResult Answer(ApiResult? real) => Envelopes.Failure(StatusCode, ErrorCode, ErrorMessage);
}

public sealed record HtmlFault(int StatusCode) : Fault
{
    internal override ApiResult Answer(ApiResult? real)
    {
        string title = $"{StatusCode} {ReasonPhrases.GetReasonPhrase(StatusCode)}".TrimEnd();
        return new(
            StatusCode,
            $"<!DOCTYPE html>\n<html><head><title>{title}</title></head>\n<body><center><h1>{title}</h1></center><hr><center>emulated-proxy</center></body></html>\n",
            "text/html; charset=utf-8");
    }
}

public sealed record DropConnectionFault : Fault
{
    internal override ApiResult Answer(ApiResult? real) =>
        (real ?? new ApiResult(200, "{\"success\":true,\"message\":\"This answer is cut off by the emulator.\"}")) with { Delivery = Delivery.CutHalfway };
}

public sealed record DelayFault(TimeSpan Duration) : Fault
{
    // A delay still answers normally, so the request always acts; AfterAction only moves the wait
    // from before the effect to after it.
    internal override bool LetsRequestAct => true;

    internal override TimeSpan WaitBeforeAction => AfterAction ? TimeSpan.Zero : Duration;

    internal override TimeSpan WaitAfterAction => AfterAction ? Duration : TimeSpan.Zero;

    internal override ApiResult Answer(ApiResult? real) =>
        real ?? throw new InvalidOperationException("A delay fault always lets the request act.");
}

public sealed record TruncatedJsonFault : Fault
{
    internal override bool LetsRequestAct => true;

    internal override ApiResult Answer(ApiResult? real)
    {
        string body = real?.Body ?? "{}";
        return new ApiResult(200, body[..(body.Length / 2)]);
    }
}

public sealed record SuccessFalseFault(string ErrorCode, string ErrorMessage) : Fault
{
    internal override ApiResult Answer(ApiResult? real) => new(200, Envelopes.FailureBody(ErrorCode, ErrorMessage));
}

public sealed record ExpiredTokenFault(int StatusCode) : Fault
{
    internal override ApiResult Answer(ApiResult? real) => Envelopes.TokenExpired(StatusCode);
}

public sealed record CloseFault : Fault
{
    internal override ApiResult Answer(ApiResult? real) => new(0, string.Empty) { Delivery = Delivery.CloseWithoutAnswer };
}

public sealed record OversizeFault : Fault
{
    public OversizeFault(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, OversizeJsonBody.MinimumLength);
        Bytes = bytes;
    }

    public long Bytes { get; }

    internal override ApiResult Answer(ApiResult? real) =>
        new(200, string.Empty) { Delivery = Delivery.Streamed, Streamed = new OversizeJsonBody(Bytes) };
}

public sealed record SlowBodyFault : Fault
{
    public SlowBodyFault(int bytesPerChunk, TimeSpan chunkDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerChunk, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkDelay, TimeSpan.Zero);
        BytesPerChunk = bytesPerChunk;
        ChunkDelay = chunkDelay;
    }

    public int BytesPerChunk { get; }

    public TimeSpan ChunkDelay { get; }

    // The answer being trickled is the real one, so the request always acts.
    internal override bool LetsRequestAct => true;

    internal override ApiResult Answer(ApiResult? real) =>
        (real ?? throw new InvalidOperationException("A slow-body fault always lets the request act."))
        with { Delivery = Delivery.Trickle, TrickleBytes = BytesPerChunk, TrickleDelay = ChunkDelay };
}

public sealed record RedirectFault : Fault
{
    private static readonly int[] Statuses = { 301, 302, 303, 307, 308 };

    public RedirectFault(int statusCode, string? location)
    {
        if (!Statuses.Contains(statusCode))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A redirect is 301, 302, 303, 307 or 308.");
        }

        if (location is not null && !IsAllowedLocation(location))
        {
            throw new ArgumentException($"'{location}' is not a relative or loopback URL; the emulator never sends a client elsewhere.", nameof(location));
        }

        StatusCode = statusCode;
        Location = location;
    }

    public int StatusCode { get; }

    public string? Location { get; }

    internal override ApiResult Answer(ApiResult? real) =>
        throw new InvalidOperationException("A redirect needs the request's context.");

    internal override ApiResult Answer(ApiResult? real, FaultContext context)
    {
        string target = Location ?? context.LocalBase + "/redirected" + context.RawPathAndQuery;
        return new ApiResult(StatusCode, $"<html><body>Moved to <a href=\"{target}\">{target}</a></body></html>\n", "text/html; charset=utf-8")
        {
            Location = target,
        };
    }

    internal static bool IsAllowedLocation(string location)
    {
        // "//host/x" and "\\host/x" keep only the scheme and would leave loopback.
        if (location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith(@"\\", StringComparison.Ordinal))
        {
            return false;
        }

        // Checked first: on Unix "/x" would also parse as an absolute file: URI.
        if (location.StartsWith('/'))
        {
            return Uri.TryCreate(location, UriKind.Relative, out _);
        }

        if (Uri.TryCreate(location, UriKind.Absolute, out Uri? uri))
        {
            return uri.Scheme is "http" or "https" && LoopbackHost(uri);
        }

        return Uri.TryCreate(location, UriKind.Relative, out _);
    }

    private static bool LoopbackHost(Uri uri) =>
        uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out System.Net.IPAddress? a) && System.Net.IPAddress.IsLoopback(a));
}

/// <summary>Where a faulted request was going: the server's own base (scheme://address:port) and the raw target.</summary>
internal sealed record FaultContext(string LocalBase, string RawPathAndQuery);
