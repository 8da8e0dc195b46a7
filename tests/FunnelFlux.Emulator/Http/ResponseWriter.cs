using System.Text;
using Microsoft.AspNetCore.Http;

namespace FunnelFlux.Emulator;

/// <summary>
/// Writes an <see cref="ApiResult"/> the way its <see cref="Delivery"/> asks, and reports how the
/// exchange ended through <c>settle</c> (called exactly once, before the client can have the whole
/// answer, so that a client holding its answer always finds the request settled in the log).
/// </summary>
internal static class ResponseWriter
{
    public static async Task WriteAsync(HttpContext context, ApiResult answer, Action<RequestOutcome> settle)
    {
        HttpResponse response = context.Response;
        byte[] bytes = Encoding.UTF8.GetBytes(answer.Body);
        response.StatusCode = answer.StatusCode;
        response.ContentType = answer.ContentType;
        if (answer.RetryAfter is not null)
        {
            response.Headers.RetryAfter = answer.RetryAfter;
        }

        // The full length is announced even when cutting short, so the client knows the body came up short.
        response.ContentLength = bytes.Length;
        switch (answer.Delivery)
        {
            case Delivery.CutHalfway:
                settle(RequestOutcome.Dropped);
                await CutHalfwayAsync(context, bytes).ConfigureAwait(false);
                return;
            default:
                settle(RequestOutcome.Answered);
                await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
                return;
        }
    }

    private static async Task CutHalfwayAsync(HttpContext context, byte[] bytes)
    {
        try
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client left first; the connection is gone either way.
        }

        context.Abort();
    }
}
