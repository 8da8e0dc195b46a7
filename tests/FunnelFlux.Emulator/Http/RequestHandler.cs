using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace FunnelFlux.Emulator;

/// <summary>
/// The single request pipeline: hand control requests (/_emulator/...) to their endpoints; for API
/// requests count the request as in flight, record it, apply a queued fault or route it, then write
/// the answer. Recording and leaving the in-flight count happen before the client can have the whole
/// answer, so tests that read them after getting a response see settled values.
/// </summary>
internal sealed class RequestHandler(
    EmulatorOptions options,
    Router router,
    ControlEndpoints control,
    FaultPlan faults,
    RequestLog log,
    ConcurrencyCounter concurrency,
    CancellationToken stopping)
{
    private const string ApiPrefix = "/v1";

    // The only request headers the log keeps (never Authorization).
    private static readonly string[] RecordedHeaderNames = { "Content-Type", "Accept", "User-Agent", "Content-Length" };

    public async Task HandleAsync(HttpContext context)
    {
        (string rawPath, string? rawQuery) = RawTarget(context);
        if (ControlEndpoints.Owns(rawPath))
        {
            // Control traffic is neither recorded nor counted: tests must see only the API's traffic.
            await control.HandleAsync(context, rawPath).ConfigureAwait(false);
            return;
        }

        using ConcurrencyCounter.Lease inFlight = concurrency.Enter();
        string authorization = context.Request.Headers.Authorization.ToString();
        DateTimeOffset arrivedAt = options.Clock.GetUtcNow();
        Dictionary<string, string> headers = HeadersToRecord(context.Request);
        string? body;
        try
        {
            body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The client vanished while sending its body.
            log.Complete(log.Begin(context.Request.Method, rawPath, rawQuery, null, authorization.Length > 0, arrivedAt, headers), RequestOutcome.Abandoned, 0);
            return;
        }

        RequestLog.Entry entry = log.Begin(context.Request.Method, rawPath, rawQuery, body, authorization.Length > 0, arrivedAt, headers);

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        ApiResult answer;
        try
        {
            answer = await AnswerAsync(context, rawPath, rawQuery, body, authorization, cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away (or the emulator is stopping) during a delay: nobody gets an answer.
            log.Complete(entry, RequestOutcome.Abandoned, 0);
            inFlight.Exit();
            context.Abort();
            return;
        }
        catch (Exception ex)
        {
            // An emulator bug should surface as a readable failure rather than a bare 500 from Kestrel.
            answer = Envelopes.Failure(500, "EMULATOR_ERROR", ex.GetType().Name + ": " + ex.Message);
        }

        inFlight.Exit();
        await ResponseWriter.WriteAsync(context, answer, outcome => log.Complete(entry, outcome, answer.StatusCode), cancellation.Token).ConfigureAwait(false);
    }

    private async Task<ApiResult> AnswerAsync(HttpContext context, string rawPath, string? rawQuery, string? body, string authorization, CancellationToken cancellation)
    {
        string method = context.Request.Method;
        await WaitAsync(options.Latency, cancellation).ConfigureAwait(false);
        string rawAfterPrefix = rawPath.StartsWith(ApiPrefix + "/", StringComparison.Ordinal) ? rawPath[ApiPrefix.Length..] : rawPath;
        Fault? fault = faults.Take(method, rawAfterPrefix, Uri.UnescapeDataString(rawAfterPrefix));

        await WaitAsync(fault?.WaitBeforeAction, cancellation).ConfigureAwait(false);
        ApiResult? real = null;
        if (fault is null || fault.LetsRequestAct)
        {
            real = await router.RouteAsync(ToApiRequest(method, rawPath, body, authorization), cancellation).ConfigureAwait(false);
        }

        await WaitAsync(fault?.WaitAfterAction, cancellation).ConfigureAwait(false);
        return fault is null ? real! : fault.Answer(real, new FaultContext(LocalBase(context), rawPath + (rawQuery is null ? string.Empty : "?" + rawQuery)));
    }

    // The address this connection reached, which is always loopback (never the client's Host header).
    private static string LocalBase(HttpContext context)
    {
        System.Net.IPAddress address = context.Connection.LocalIpAddress ?? System.Net.IPAddress.Loopback;
        string host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return $"{context.Request.Scheme}://{host}:{context.Connection.LocalPort}";
    }

    private static ApiRequest ToApiRequest(string method, string rawPath, string? body, string authorization)
    {
        string[] segments = Array.Empty<string>();
        if (rawPath.StartsWith(ApiPrefix + "/", StringComparison.Ordinal))
        {
            string rest = rawPath[(ApiPrefix.Length + 1)..];
            if (rest.EndsWith('/'))
            {
                rest = rest[..^1];
            }

            // Unescape each segment once, after splitting, so an escaped '/' cannot change the route.
            segments = rest.Split('/').Select(Uri.UnescapeDataString).ToArray();
        }

        return new ApiRequest(method.ToUpperInvariant(), segments, body, BearerToken(authorization));
    }

    private static string? BearerToken(string authorization)
    {
        const string Scheme = "Bearer ";
        return authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? authorization[Scheme.Length..].Trim()
            : null;
    }

    private static async Task WaitAsync(TimeSpan? delay, CancellationToken cancellation)
    {
        if (delay is { } d && d > TimeSpan.Zero)
        {
            await Task.Delay(d, cancellation).ConfigureAwait(false);
        }
    }

    // The path exactly as the client sent it (still escaped), which the log and routing both need.
    private static (string Path, string? Query) RawTarget(HttpContext context)
    {
        string? target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            target = context.Request.PathBase.ToUriComponent() + context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        }

        int q = target.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? (target, null) : (target[..q], target[(q + 1)..]);
    }

    private static Dictionary<string, string> HeadersToRecord(HttpRequest request)
    {
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in RecordedHeaderNames)
        {
            if (request.Headers.TryGetValue(name, out StringValues value))
            {
                kept[name] = value.ToString();
            }
        }

        return kept;
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        string text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        return text.Length == 0 ? null : text;
    }
}
