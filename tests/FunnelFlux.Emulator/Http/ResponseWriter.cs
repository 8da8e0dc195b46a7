using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace FunnelFlux.Emulator;

/// <summary>
/// Writes an <see cref="ApiResult"/> the way its <see cref="Delivery"/> asks, and reports how the
/// exchange ended through <c>settle</c>: called exactly once, and for a whole answer before the
/// client can hold all of it, so that a client with its answer always finds the request settled.
/// </summary>
internal static class ResponseWriter
{
    public static async Task WriteAsync(HttpContext context, ApiResult answer, Action<RequestOutcome> settle, CancellationToken cancellation)
    {
        if (answer.Delivery == Delivery.CloseWithoutAnswer)
        {
            settle(RequestOutcome.Closed);
            await CloseWithoutAnswerAsync(context, cancellation).ConfigureAwait(false);
            return;
        }

        HttpResponse response = context.Response;
        response.StatusCode = answer.StatusCode;
        response.ContentType = answer.ContentType;
        if (answer.RetryAfter is not null)
        {
            response.Headers.RetryAfter = answer.RetryAfter;
        }

        if (answer.Location is not null)
        {
            response.Headers.Location = answer.Location;
        }

        if (answer.Delivery == Delivery.Streamed)
        {
            await StreamAsync(context, answer.Streamed!, settle, cancellation).ConfigureAwait(false);
            return;
        }

        // The full length is announced even when cutting short, so the client knows the body came up short.
        byte[] bytes = Encoding.UTF8.GetBytes(answer.Body);
        response.ContentLength = bytes.Length;
        switch (answer.Delivery)
        {
            case Delivery.CutHalfway:
                settle(RequestOutcome.Dropped);
                await CutHalfwayAsync(context, bytes).ConfigureAwait(false);
                break;
            case Delivery.Trickle:
                await TrickleAsync(context, bytes, answer.TrickleBytes, answer.TrickleDelay, settle, cancellation).ConfigureAwait(false);
                break;
            default:
                settle(RequestOutcome.Answered);
                await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// An orderly close (FIN) with nothing written, the way a server that gives up on a request
    /// closes a kept-alive connection. Aborting alone would reset the connection (RST), which a
    /// client reports as an error instead of treating the connection as closed, and then resending.
    /// </summary>
    private static async Task CloseWithoutAnswerAsync(HttpContext context, CancellationToken cancellation)
    {
        Socket? socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (socket is not null)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Send);

                // Tearing down while the client still has the connection open could still reset it:
                // wait (bounded) for the client to close its end first.
                await Task.Delay(TimeSpan.FromSeconds(5), cancellation).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client closed its end (or the emulator is stopping): nothing more to wait for.
            }
        }

        context.Abort();
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

    private static async Task TrickleAsync(HttpContext context, byte[] bytes, int perPiece, TimeSpan pause, Action<RequestOutcome> settle, CancellationToken cancellation)
    {
        try
        {
            // Status and headers go out at once; only the body is slow.
            await context.Response.StartAsync(cancellation).ConfigureAwait(false);
            var body = new DepartureAwareBody(context.Response.BodyWriter);
            await body.FlushAsync(cancellation).ConfigureAwait(false);
            for (int offset = 0; offset < bytes.Length; offset += perPiece)
            {
                await Task.Delay(pause, cancellation).ConfigureAwait(false);
                int take = Math.Min(perPiece, bytes.Length - offset);
                if (offset + take == bytes.Length)
                {
                    settle(RequestOutcome.Answered);
                }

                // The body writer flushes each piece as it writes it.
                await body.WriteAsync(bytes.AsMemory(offset, take), cancellation).ConfigureAwait(false);
            }

            if (bytes.Length == 0)
            {
                settle(RequestOutcome.Answered);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            Abandon(context, settle);
        }
    }

    private static async Task StreamAsync(HttpContext context, OversizeJsonBody body, Action<RequestOutcome> settle, CancellationToken cancellation)
    {
        context.Response.ContentLength = body.Length;
        try
        {
            await body.WriteToAsync(new DepartureAwareBody(context.Response.BodyWriter), () => settle(RequestOutcome.Answered), cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            Abandon(context, settle);
        }
    }

    // The client went away (or the emulator is stopping) part way through the body.
    private static void Abandon(HttpContext context, Action<RequestOutcome> settle)
    {
        settle(RequestOutcome.Abandoned);
        context.Abort();
    }
}
