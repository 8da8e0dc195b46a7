using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FunnelFlux.Errors;
using Polly;
using Polly.Retry;

namespace FunnelFlux.Http
{
    /// <summary>
    /// Sends requests to the API over one reused HttpClient, through a Polly retry pipeline that
    /// repeats 429, 5xx and network failures with backoff, bounded in attempts and total time.
    /// The rules it keeps: one attempt is one request on the wire; a 429 holds back the whole
    /// session; no wait is shortened (one beyond the cap ends the call); answers are read within a
    /// size limit and a time limit. Knows nothing of tokens beyond putting the one it is given into
    /// the Authorization header, and only ever to the API base.
    /// </summary>
    internal sealed class ApiTransport : IDisposable
    {
        private static readonly ResiliencePropertyKey<CallState> CallStateKey = new ResiliencePropertyKey<CallState>("FunnelFlux.CallState");

        private readonly Uri _baseUri;
        private readonly ApiClientOptions _options;
        private readonly HttpClient _http;
        private readonly TimeProvider _time;
        private readonly ResiliencePipeline<AttemptOutcome> _pipeline;
        private readonly Random _jitter = new Random();
        private readonly string _userAgent;
        private readonly BackoffGate _gate;
        private readonly CertificateProblems _certificates = new CertificateProblems();

        public ApiTransport(ApiClientOptions options, HttpMessageHandler? handler = null, TimeProvider? timeProvider = null)
        {
            options.Validate();
            _options = options.Clone();
            // The API base with a trailing slash, so relative paths resolve under it; made once.
            _baseUri = new Uri(_options.ApiUri.AbsoluteUri.TrimEnd('/') + "/");
            _time = timeProvider ?? TimeProvider.System;
            _gate = new BackoffGate(_time);
            _http = new HttpClient(handler ?? HttpHandlerFactory.Create(_options, _certificates), disposeHandler: true)
            {
                // Each attempt has its own timeout (see SendAttemptAsync); the client's would cut across retries.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            _userAgent = UserAgent.Build(_options.UserAgentComment);
            _pipeline = BuildPipeline();
        }

        public ApiClientOptions Options => _options;

        public string UserAgentHeader => _userAgent;

        /// <summary>The session's back-off gate (see <see cref="BackoffGate"/>).</summary>
        internal BackoffGate Gate => _gate;

        /// <summary>
        /// The absolute address of <paramref name="relativePath"/>. It must stay under the API base:
        /// the token travels with every request, so a path that would lead anywhere else (another
        /// host, scheme or port, or out of the base path) is refused.
        /// </summary>
        /// <exception cref="ArgumentException">The path leaves the API base.</exception>
        public Uri ResolveUri(string relativePath)
        {
            var baseUri = _baseUri;
            var resolved = new Uri(baseUri, relativePath);
            bool inside =
                string.Equals(resolved.Scheme, baseUri.Scheme, StringComparison.OrdinalIgnoreCase) &&
                string.Equals(resolved.Host, baseUri.Host, StringComparison.OrdinalIgnoreCase) &&
                resolved.Port == baseUri.Port &&
                string.IsNullOrEmpty(resolved.UserInfo) &&
                resolved.AbsolutePath.StartsWith(baseUri.AbsolutePath, StringComparison.Ordinal);
            if (!inside)
            {
                throw new ArgumentException(
                    $"The path '{relativePath}' leads outside the API address {baseUri.GetLeftPart(UriPartial.Path)}; tokens are only sent to that address.",
                    nameof(relativePath));
            }
            return resolved;
        }

        private ResiliencePipeline<AttemptOutcome> BuildPipeline()
        {
            if (_options.MaxRetries == 0)
            {
                return ResiliencePipeline<AttemptOutcome>.Empty;
            }
            var builder = new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = _time };
            builder.AddRetry(new RetryStrategyOptions<AttemptOutcome>
            {
                MaxRetryAttempts = _options.MaxRetries,
                ShouldHandle = args => new ValueTask<bool>(PlanRetry(args.Context, args.Outcome, args.AttemptNumber)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Context.Properties.GetValue(CallStateKey, null!).NextDelay),
                OnRetry = args =>
                {
                    var state = args.Context.Properties.GetValue(CallStateKey, null!);
                    state.Sink.Verbose(
                        $"{state.Label}: {Describe(args.Outcome)}; retrying in {FormatDelay(args.RetryDelay)} " +
                        $"({state.NextDelayReason}; attempt {state.Attempts + 1} of {_options.MaxRetries + 1}).");
                    return default;
                },
            });
            return builder.Build();
        }

        /// <summary>
        /// Decides whether to retry and, if so, how long to wait (kept for DelayGenerator). A wait
        /// longer than the module's cap or than what is left of the retry budget is not shortened:
        /// the call ends at once, and its error says when to try again.
        /// </summary>
        private bool PlanRetry(ResilienceContext context, Outcome<AttemptOutcome> outcome, int retryIndex)
        {
            var state = context.Properties.GetValue(CallStateKey, null!);
            TimeSpan delay;
            string reason;
            if (outcome.Exception != null)
            {
                if (!RetryDecisions.IsRetryableException(outcome.Exception, state.Request.Safety))
                {
                    return false;
                }
                delay = Backoff(retryIndex);
                reason = "backoff with jitter";
            }
            else
            {
                var response = outcome.Result!.Response;
                if (!RetryDecisions.IsRetryableStatus(response.StatusCode, state.Request.Safety))
                {
                    return false;
                }
                if (response.StatusCode == 429)
                {
                    // The session's gate already holds the wait this 429 asked for (see SendAttemptAsync).
                    delay = _gate.Remaining;
                    reason = response.RetryAfter.HasValue ? "as the server's Retry-After asks" : "backoff with jitter";
                }
                else if (response.RetryAfter.HasValue)
                {
                    delay = response.RetryAfter.Value < TimeSpan.Zero ? TimeSpan.Zero : response.RetryAfter.Value;
                    reason = "as the server's Retry-After asks";
                }
                else
                {
                    delay = Backoff(retryIndex);
                    reason = "backoff with jitter";
                }
            }

            if (delay > _options.MaxRetryDelay)
            {
                state.RefusedWait = delay;
                return false;
            }
            if (_time.GetElapsedTime(state.StartTimestamp) + delay > _options.MaxRetryDuration)
            {
                state.RetryBudgetSpent = true;
                return false;
            }
            state.NextDelay = delay;
            state.NextDelayReason = reason;
            return true;
        }

        private TimeSpan Backoff(int retryIndex)
        {
            double jitter;
            lock (_jitter)
            {
                jitter = _jitter.NextDouble();
            }
            return RetryDecisions.ComputeBackoff(retryIndex, _options.RetryBaseDelay, _options.MaxRetryDelay, jitter);
        }

        /// <summary>
        /// Sends <paramref name="request"/> with <paramref name="accessToken"/> (when given) and
        /// returns the final answer, whatever its status. Throws FunnelFluxException when no answer
        /// could be had, and OperationCanceledException when <paramref name="cancellationToken"/> fires.
        /// Each attempt is exactly one request on the wire (see <see cref="WireAttempt"/>).
        /// </summary>
        public async Task<ApiResponse> SendAsync(ApiRequest request, string? accessToken, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            sink ??= NullEventSink.Instance;
            var uri = ResolveUri(request.RelativePath);
            var state = new CallState(request, sink, $"{request.Method} {ShownUri.Of(uri)}", _time.GetTimestamp());
            if (accessToken != null && Auth.TokenText.FindProblem(accessToken) is string problem)
            {
                // Never a network error, and never worth a retry: the header could not even be written.
                throw new FunnelFluxException(
                    "AccessTokenMalformed",
                    FailureKind.InvalidArgument,
                    $"{state.Label} was not sent: the access token {problem}, which cannot travel in an HTTP header.",
                    "Copy the access token again from the FunnelFlux Pro app (Settings > API Access) and run Connect-FFAccount.");
            }
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(CallStateKey, state);
            if (sink.DebugEnabled && !request.HasSecretBody && request.JsonBody != null)
            {
                sink.Debug($"{state.Label} body: {Excerpt(request.JsonBody, 4000)}");
            }
            try
            {
                Outcome<AttemptOutcome> outcome = await _pipeline.ExecuteOutcomeAsync(
                    async (ctx, s) => await SendAttemptAsync(s, uri, accessToken, ctx.CancellationToken).ConfigureAwait(false),
                    context,
                    state).ConfigureAwait(false);

                if (outcome.Exception != null)
                {
                    if (outcome.Exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
                    {
                        throw new OperationCanceledException("The request was cancelled.", outcome.Exception, cancellationToken);
                    }
                    throw TransportFailure(state, outcome.Exception);
                }
                var response = outcome.Result!.Response;
                response.Attempts = state.Attempts;
                if (response.StatusCode == 429 && _gate.ClosedUntil is DateTimeOffset until && (response.RetryAt == null || until > response.RetryAt))
                {
                    response.RetryAt = until;
                }
                if (state.RefusedWait.HasValue)
                {
                    sink.Verbose($"{state.Label}: not retrying; the wait asked for ({FormatDelay(state.RefusedWait.Value)}) is longer than the {FormatDelay(_options.MaxRetryDelay)} the module waits.");
                }
                else if (state.RetryBudgetSpent)
                {
                    sink.Verbose($"{state.Label}: gave up retrying; the next wait would pass the {FormatDelay(_options.MaxRetryDuration)} retry budget.");
                }
                return response;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private async ValueTask<Outcome<AttemptOutcome>> SendAttemptAsync(CallState state, Uri uri, string? accessToken, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var refusal = await PassBackoffGateAsync(state, cancellationToken).ConfigureAwait(false);
            if (refusal != null)
            {
                return Outcome.FromException<AttemptOutcome>(refusal);
            }
            state.Attempts++;
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(_options.RequestTimeout);
            var watch = Stopwatch.StartNew();
#if NET8_0_OR_GREATER
            var wire = WireAttempt.Begin();
#endif
            bool headersCame = false;
            try
            {
                using var message = new HttpRequestMessage(state.Request.Method, uri);
                if (HttpHandlerFactory.CloseEachConnection)
                {
                    message.Headers.ConnectionClose = true;
                }
                message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
                message.Headers.TryAddWithoutValidation("Accept", "application/json");
                if (accessToken != null)
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                }
                if (state.Request.JsonBody != null)
                {
                    message.Content = new StringContent(state.Request.JsonBody, Encoding.UTF8, "application/json");
                }
                using var answer = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token).ConfigureAwait(false);
                headersCame = true;
                var receivedAt = _time.GetUtcNow();
                var body = await ResponseBody.ReadAsync(answer, _options.MaxResponseBytes, state.Request.MayRentBody, attemptTimeout.Token).ConfigureAwait(false);
                int status = (int)answer.StatusCode;
                // Headers that matter only for some answers are parsed only for those.
                var response = new ApiResponse(
                    status,
                    answer.ReasonPhrase ?? string.Empty,
                    body,
                    answer.Content?.Headers.ContentType?.MediaType,
                    status == 429 || status >= 500 ? ReadRetryAfter(answer) : null)
                {
                    Location = status >= 300 && status <= 399 ? ReadLocation(answer, uri) : null,
                    Headers = state.Request.WantsHeaders ? ResponseHeaders.From(answer) : ResponseHeaders.None,
                };
                if (response.StatusCode == 429)
                {
                    // Session-wide: every request of this session waits until then (BackoffGate).
                    var until = receivedAt + (response.RetryAfter ?? Backoff(state.Attempts - 1));
                    _gate.CloseUntil(until);
                    response.RetryAt = until;
                }
                if (state.Sink.VerboseEnabled)
                {
                    state.Sink.Verbose($"{state.Label} -> {response.StatusCode} {response.ReasonPhrase} in {watch.ElapsedMilliseconds} ms{AttemptSuffix(state)}.");
                }
                if (state.Sink.DebugEnabled && !state.Request.HasSecretBody)
                {
                    state.Sink.Debug($"{state.Label} answer: {Excerpt(response, 4000)}");
                }
                return Outcome.FromResult(new AttemptOutcome(response));
            }
            catch (Exception e) when (attemptTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested &&
                (e is OperationCanceledException || e is ObjectDisposedException || RetryDecisions.IsTransportFailure(e)))
            {
                // The attempt's own timeout fired, while waiting for the headers or for the body:
                // however .NET reports the aborted read, this is a timeout.
                state.Sink.Verbose($"{state.Label}: no answer within {FormatDelay(_options.RequestTimeout)}{AttemptSuffix(state)}.");
                return Outcome.FromException<AttemptOutcome>(new AttemptTimeoutException(_options.RequestTimeout, e));
            }
            catch (ResponseTooLargeException e)
            {
                state.Sink.Verbose($"{state.Label} -> {e.StatusCode}, but {DescribeException(e)} after {watch.ElapsedMilliseconds} ms{AttemptSuffix(state)}.");
                return Outcome.FromException<AttemptOutcome>(e);
            }
            catch (Exception e) when (RetryDecisions.IsTransportFailure(e))
            {
#if NET8_0_OR_GREATER
                if (wire.RefusedResend)
                {
                    // What really happened: the request went out once and the connection closed
                    // before any answer; the pool's attempt to send it again was stopped.
                    e = new NoAnswerException(e);
                }
#endif
                if (!headersCame && !(e is NoAnswerException) && !RetryDecisions.IsSocketFailure(e) && !RetryDecisions.IsCertificateFailure(e))
                {
                    // A connection that was made, then closed before a status line: not an answer cut
                    // short. A socket error keeps its own name (refused, reset, unreachable).
                    e = new NoAnswerException(e);
                }
                state.Sink.Verbose($"{state.Label}: {DescribeException(e)} after {watch.ElapsedMilliseconds} ms{AttemptSuffix(state)}.");
                return Outcome.FromException<AttemptOutcome>(e);
            }
        }

        /// <summary>
        /// Waits while the session's back-off gate is closed. Returns the error to end the call with
        /// instead when the wait is longer than the module's cap or than what is left of the budget.
        /// </summary>
        private async Task<FunnelFluxException?> PassBackoffGateAsync(CallState state, CancellationToken cancellationToken)
        {
            var wait = _gate.Remaining;
            if (wait <= TimeSpan.Zero)
            {
                return null;
            }
            var until = _gate.ClosedUntil!.Value;
            var left = _options.MaxRetryDuration - _time.GetElapsedTime(state.StartTimestamp);
            if (wait > _options.MaxRetryDelay || wait > left)
            {
                string limit = wait > _options.MaxRetryDelay
                    ? $"longer than the {FormatDelay(_options.MaxRetryDelay)} the module waits"
                    : $"longer than is left of the {FormatDelay(_options.MaxRetryDuration)} retry budget";
                state.Sink.Verbose($"{state.Label}: not sent; the session is backing off until {InvariantText.UtcSeconds(until)}.");
                return new FunnelFluxException(
                    "RateLimited",
                    FailureKind.RateLimited,
                    $"{state.Label} was not sent: FunnelFlux is rate limiting this account and asked this session to wait until {InvariantText.UtcSeconds(until)} ({FormatDelay(wait)} from now), {limit}.",
                    RateLimitAdvice(until));
            }
            state.Sink.Verbose($"{state.Label}: waiting {FormatDelay(wait)} first; FunnelFlux asked this session to back off until {InvariantText.UtcSeconds(until)}.");
#if NET8_0_OR_GREATER
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
#else
            await _time.Delay(wait, cancellationToken).ConfigureAwait(false);
#endif
            return null;
        }

        internal static string RateLimitAdvice(DateTimeOffset until) =>
            $"Wait until {InvariantText.UtcSeconds(until)} before trying again; FunnelFlux is rate limiting this account. Then send fewer requests at once (a lower -ThrottleLimit).";

        /// <summary>A moment as users read it in messages: UTC, to the second.</summary>
        private static string? ReadLocation(HttpResponseMessage answer, Uri requestUri)
        {
            var location = answer.Headers.Location;
            if (location == null)
            {
                return null;
            }
            var absolute = location.IsAbsoluteUri ? location : new Uri(requestUri, location);
            // Show where it points, never what it might carry (user info, a query).
            return absolute.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        }

        private TimeSpan? ReadRetryAfter(HttpResponseMessage answer)
        {
            var header = answer.Headers.RetryAfter;
            if (header == null)
            {
                return null;
            }
            if (header.Delta.HasValue)
            {
                return header.Delta.Value;
            }
            if (header.Date.HasValue)
            {
                var wait = header.Date.Value - _time.GetUtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }

        /// <summary>The server's certificate was refused; <paramref name="refused"/> says why.</summary>
        private static FunnelFluxException CertificateRefused(CallState state, string refused, Exception exception) =>
            new FunnelFluxException(
                "CertificateNotTrusted",
                FailureKind.Security,
                $"{state.Label} was not sent: the connection is not secure. {refused}. Nothing was sent, and it was not retried.",
                "If this is the FunnelFlux API, something between you and it (a proxy or security software) is intercepting the connection: " +
                "check -Proxy and the network. If it is a test server of your own, this computer must trust its certificate. Check -ApiUri too.",
                innerException: exception);

        /// <summary>
        /// The handshake failed and no certificate was ever refused, so it failed before one was
        /// shown: what a server that does not speak TLS on that port (plain http) causes.
        /// </summary>
        private FunnelFluxException HandshakeFailed(CallState state, Exception exception) =>
            new FunnelFluxException(
                "TlsHandshakeFailed",
                FailureKind.Security,
                $"{state.Label} was not sent: the TLS handshake with {_options.ApiUri.Authority} failed before the server showed a certificate " +
                $"({InnermostMessage(exception).TrimEnd('.')}). The server there may not speak HTTPS: a plain-http server answers this way. " +
                "Nothing was sent, and it was not retried.",
                $"Check the scheme and port of -ApiUri (the FunnelFlux API is {ApiClientOptions.DefaultApiUri}). A test server of your own on plain http " +
                "takes an http:// address, allowed only for 127.0.0.1, ::1 and localhost. If the address is right, something in between " +
                "(a proxy or security software) may be breaking the connection, or the server accepts no TLS version this computer offers: check -Proxy and the network.",
                innerException: exception);

        private FunnelFluxException TransportFailure(CallState state, Exception exception)
        {
            if (exception is FunnelFluxException already)
            {
                return already;
            }
            string attempts = state.Attempts == 1 ? "1 attempt" : $"{state.Attempts} attempts";
            if (RetryDecisions.IsCertificateFailure(exception))
            {
                return _certificates.Last is string refused ? CertificateRefused(state, refused, exception) : HandshakeFailed(state, exception);
            }
            bool mayHaveActed = state.Request.Safety == RetrySafety.OnlyIfNotActedOn && !RetryDecisions.NeverReachedServer(exception);
            if (mayHaveActed)
            {
                return new FunnelFluxException(
                    "OperationOutcomeUnknown",
                    FailureKind.OutcomeUnknown,
                    $"{state.Label} failed ({DescribeException(exception)}) after the request was sent, so FunnelFlux may have completed it. It was not repeated, to avoid doing it twice.",
                    "Check the current state (for a domain, run Get-FFDomain <name>) before trying again.",
                    innerException: exception);
            }
            if (exception is ResponseTooLargeException tooLarge)
            {
                return new FunnelFluxException(
                    "ResponseTooLarge",
                    FailureKind.InvalidResult,
                    $"{state.Label} failed: FunnelFlux answered {tooLarge.StatusCode}, but {DescribeException(exception)}; it was not read further.",
                    "No FunnelFlux answer is this large: a proxy or a fault in between may be sending it, so try again later. " +
                    "If you do expect answers this large, connect with a higher Connect-FFAccount -MaxResponseSizeMB.",
                    tooLarge.StatusCode,
                    innerException: exception);
            }
            if (exception is AttemptTimeoutException)
            {
                return new FunnelFluxException(
                    "RequestTimedOut",
                    FailureKind.Timeout,
                    $"{state.Label} got no answer within {FormatDelay(_options.RequestTimeout)} ({attempts}).",
                    "Try again later, or allow more time with Connect-FFAccount -TimeoutSec.",
                    innerException: exception);
            }
            return new FunnelFluxException(
                "NetworkError",
                FailureKind.Connection,
                $"{state.Label} failed: {DescribeException(exception)} ({attempts}).",
                "Check the network connection, proxy settings and the API URI, then try again.",
                innerException: exception);
        }

        private static string InnermostMessage(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e.Message.TrimEnd('.');
        }

        private string AttemptSuffix(CallState state) =>
            state.Attempts > 1 ? $" (attempt {state.Attempts} of {_options.MaxRetries + 1})" : string.Empty;

        private static string Describe(Outcome<AttemptOutcome> outcome) =>
            outcome.Exception != null
                ? DescribeException(outcome.Exception)
                : $"{outcome.Result!.Response.StatusCode} {outcome.Result.Response.ReasonPhrase}".Trim();

        internal static string DescribeException(Exception e)
        {
            if (e is AttemptTimeoutException) return e.Message.TrimEnd('.');
            if (e is NoAnswerException) return "the connection was closed before any answer came";
            if (e is ResponseTooLargeException tooLarge)
            {
                return tooLarge.DeclaredLength.HasValue
                    ? $"the answer announced {ResponseBody.FormatSize(tooLarge.DeclaredLength.Value)}, more than the {ResponseBody.FormatSize(tooLarge.Limit)} limit"
                    : $"the answer grew past the {ResponseBody.FormatSize(tooLarge.Limit)} limit";
            }
            if (RetryDecisions.IsCertificateFailure(e)) return "the server's certificate was refused";
            for (Exception? inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is System.Net.Sockets.SocketException socket)
                {
                    return $"connection failed ({socket.SocketErrorCode})";
                }
                if (inner is System.IO.IOException)
                {
                    return "the connection was closed before the answer was complete";
                }
            }
            return "the connection failed (" + e.GetType().Name + ")";
        }

        internal static string FormatDelay(TimeSpan delay) =>
            delay.TotalSeconds >= 1 ? InvariantText.Number(delay.TotalSeconds, "0.#") + " s" : InvariantText.Number(delay.TotalMilliseconds, "0") + " ms";

        /// <summary>
        /// The first <paramref name="max"/> characters of <paramref name="text"/>, trimmed, on one
        /// line. Cuts before it copies, so a large answer costs no more than its excerpt.
        /// </summary>
        internal static string Excerpt(string text, int max) => Excerpt(text, max, textContinues: false);

        /// <summary>
        /// An answer's excerpt, as <see cref="Excerpt(string, int)"/> of its text, decoding only the
        /// start of a long body (for -Debug, which shows every answer).
        /// </summary>
        internal static string Excerpt(ApiResponse response, int max)
        {
            string start = response.BodyStart(max, out bool more);
            return Excerpt(start, max, more);
        }

        /// <summary>
        /// <see cref="Excerpt(string, int)"/>, with "..." also when <paramref name="textContinues"/>
        /// says that <paramref name="text"/> is only the start of something longer.
        /// </summary>
        internal static string Excerpt(string text, int max, bool textContinues)
        {
            int start = 0;
            int end = text.Length;
            while (start < end && char.IsWhiteSpace(text[start])) start++;
            while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
            bool cut = textContinues || end - start > max;
            string head = text.Substring(start, Math.Min(max, end - start)).Replace('\r', ' ').Replace('\n', ' ');
            return cut ? head + "..." : head;
        }

        public void Dispose() => _http.Dispose();

        /// <summary>What one call has been through so far; lives in the Polly context.</summary>
        private sealed class CallState
        {
            public CallState(ApiRequest request, IApiEventSink sink, string label, long startTimestamp)
            {
                Request = request;
                Sink = sink;
                Label = label;
                StartTimestamp = startTimestamp;
            }

            public ApiRequest Request { get; }
            public IApiEventSink Sink { get; }
            public string Label { get; }
            public long StartTimestamp { get; }
            /// <summary>Requests actually put on the wire (a wait refused at the gate is not one).</summary>
            public int Attempts { get; set; }
            public TimeSpan NextDelay { get; set; }
            /// <summary>Set when the wait asked for was longer than the module's cap, so no retry was made.</summary>
            public TimeSpan? RefusedWait { get; set; }
            public string NextDelayReason { get; set; } = string.Empty;
            public bool RetryBudgetSpent { get; set; }
        }

        /// <summary>A wrapper so the pipeline's result type is ours, not HttpResponseMessage.</summary>
        private sealed class AttemptOutcome
        {
            public AttemptOutcome(ApiResponse response) => Response = response;

            public ApiResponse Response { get; }
        }
    }
}
