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
