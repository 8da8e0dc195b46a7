using System.Text;
using Microsoft.AspNetCore.Http;

namespace FunnelFlux.Emulator;

/// <summary>Writes an <see cref="ApiResult"/>, including the "drop the connection halfway" case.</summary>
internal static class ResponseWriter
{
    public static async Task WriteAsync(HttpContext context, ApiResult answer)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(answer.Body);
        HttpResponse response = context.Response;
        response.StatusCode = answer.StatusCode;
        response.ContentType = answer.ContentType;
        if (answer.RetryAfter is not null)
        {
            response.Headers.RetryAfter = answer.RetryAfter;
        }

        // The full length is announced even when dropping, so the client knows the body came up short.
        response.ContentLength = bytes.Length;
        if (!answer.DropHalfway)
        {
            await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        try
        {
            await response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client left first; the connection is gone either way.
        }

        context.Abort();
    }
}
