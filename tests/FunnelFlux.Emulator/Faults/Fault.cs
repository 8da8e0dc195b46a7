namespace FunnelFlux.Emulator;

/// <summary>
/// A misbehaviour the emulator can be told to show for chosen requests (see <see cref="FaultPlan"/>).
/// By default a fault replaces the answer and the request has no effect; with
/// <c>fault with { AfterAction = true }</c> the request's real effect happens first and the fault
/// then replaces (or spoils) the answer, as when a server acts and the client never hears back.
/// </summary>
public abstract record Fault
{
    private protected Fault()
    {
    }

    /// <summary>When true, the request takes effect before the fault spoils its answer.</summary>
    public bool AfterAction { get; init; }

    /// <summary>An error status, optionally with Retry-After (delta seconds or an HTTP date) and a custom body.</summary>
    public static Fault Status(int statusCode, string? retryAfter = null, string? body = null) =>
        new StatusFault(statusCode, retryAfter, body);

    /// <summary>
    /// The API's failure envelope {success:false, error_code, error_message} with any status, e.g.
    /// 400 INVALID_VERIFICATION_TOKEN "verification token mismatch".
    /// </summary>
    public static Fault Error(int statusCode, string errorCode, string errorMessage) => new ErrorFault(statusCode, errorCode, errorMessage);

    /// <summary>An HTML error page, as a proxy or load balancer in front of the API would send.</summary>
    public static Fault Html(int statusCode = 502) => new HtmlFault(statusCode);

    /// <summary>Send the headers and part of the body, then abort the connection.</summary>
    public static Fault DropConnection() => new DropConnectionFault();

    /// <summary>Wait (real time, cancelled if the client goes away), then answer normally.</summary>
    public static Fault Delay(TimeSpan delay) => new DelayFault(delay);

    /// <summary>
    /// 200 with the real JSON body cut in half. The request always takes effect, since the answer
    /// being cut short is the real one.
    /// </summary>
    public static Fault TruncatedJson() => new TruncatedJsonFault();

    /// <summary>HTTP 200 whose envelope says success false.</summary>
    public static Fault SuccessFalse(string errorCode, string errorMessage) => new SuccessFalseFault(errorCode, errorMessage);

    /// <summary>Answer as an expired access token would be answered (TOKEN_EXPIRED).</summary>
    public static Fault ExpiredToken(int statusCode = 401) => new ExpiredTokenFault(statusCode);

    /// <summary>
    /// Read the whole request, then close the connection without sending a single byte (no status
    /// line, no headers). On a kept-alive connection that earlier requests used, .NET's connection
    /// pool then silently resends the request on a new connection (dotnet/runtime#86714); the
    /// emulator records both arrivals. With AfterAction the request takes effect before the close.
    /// </summary>
    public static Fault Close() => new CloseFault();

    /// <summary>
    /// A 200 answer whose body is valid, plausible JSON (a long domain list plus padding) of exactly
    /// <paramref name="bytes"/> bytes, generated while it is sent so the server never holds it.
    /// </summary>
    public static Fault Oversize(long bytes) => new OversizeFault(bytes);

    /// <summary>
    /// The real answer's status and headers at once, then its body <paramref name="bytesPerChunk"/>
    /// bytes at a time with <paramref name="chunkDelay"/> (real time) before each piece, so that a
    /// client timeout fires while the body is still arriving. The request always acts.
    /// </summary>
    public static Fault SlowBody(int bytesPerChunk, TimeSpan chunkDelay) => new SlowBodyFault(bytesPerChunk, chunkDelay);

    /// <summary>
    /// A redirect (<paramref name="statusCode"/> 301, 302, 303, 307 or 308) to <paramref name="location"/>:
    /// by default the same emulator under /redirected (so a client that follows it is seen in the
    /// log, answered 404). A given location must be relative or on loopback.
    /// </summary>
    public static Fault Redirect(int statusCode = 302, string? location = null) => new RedirectFault(statusCode, location);

    /// <summary>Whether the real request runs at all when this fault applies.</summary>
    internal virtual bool LetsRequestAct => AfterAction;

    /// <summary>Real-time wait before the request acts (or before the fault answers, when it does not act).</summary>
    internal virtual TimeSpan WaitBeforeAction => TimeSpan.Zero;

    /// <summary>Real-time wait after the request acted and before the answer is sent.</summary>
    internal virtual TimeSpan WaitAfterAction => TimeSpan.Zero;

    /// <summary>The answer to send; <paramref name="real"/> is the real answer when the request acted.</summary>
    internal abstract ApiResult Answer(ApiResult? real);

    /// <summary>The answer, for faults that need to know where the request was going.</summary>
    internal virtual ApiResult Answer(ApiResult? real, FaultContext context) => Answer(real);
}
