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
    /// Knows nothing of tokens beyond putting the one it is given into the Authorization header.
    /// </summary>
    internal sealed class ApiTransport : IDisposable
    {
        private static readonly ResiliencePropertyKey<CallState> CallStateKey = new ResiliencePropertyKey<CallState>("FunnelFlux.CallState");

        private readonly ApiClientOptions _options;
        private readonly HttpClient _http;
        private readonly TimeProvider _time;
        private readonly ResiliencePipeline<AttemptOutcome> _pipeline;
        private readonly Random _jitter = new Random();
        private readonly string _userAgent;

        public ApiTransport(ApiClientOptions options, HttpMessageHandler? handler = null, TimeProvider? timeProvider = null)
        {
            options.Validate();
            _options = options.Clone();
            _time = timeProvider ?? TimeProvider.System;
            _http = new HttpClient(handler ?? HttpHandlerFactory.Create(_options), disposeHandler: true)
            {
                // Each attempt has its own timeout (see SendAttemptAsync); the client's would cut across retries.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            _userAgent = UserAgent.Build(_options.UserAgentComment);
            _pipeline = BuildPipeline();
        }

        public ApiClientOptions Options => _options;

        public string UserAgentHeader => _userAgent;

        public Uri ResolveUri(string relativePath)
        {
            string baseText = _options.ApiUri.AbsoluteUri.TrimEnd('/') + "/";
            return new Uri(new Uri(baseText), relativePath);
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
                        $"({state.NextDelayReason}; attempt {args.AttemptNumber + 2} of {_options.MaxRetries + 1}).");
                    return default;
                },
            });
            return builder.Build();
        }

        /// <summary>Decides whether to retry and, if so, how long to wait (kept for DelayGenerator).</summary>
        private bool PlanRetry(ResilienceContext context, Outcome<AttemptOutcome> outcome, int retryIndex)
        {
            var state = context.Properties.GetValue(CallStateKey, null!);
            TimeSpan? retryAfter = null;
            if (outcome.Exception != null)
            {
                if (!RetryDecisions.IsRetryableException(outcome.Exception, state.Request.Safety))
                {
                    return false;
                }
            }
            else
            {
                var response = outcome.Result!.Response;
                if (!RetryDecisions.IsRetryableStatus(response.StatusCode, state.Request.Safety))
                {
                    return false;
                }
                retryAfter = response.RetryAfter;
            }

            double jitter;
            lock (_jitter)
            {
                jitter = _jitter.NextDouble();
            }
            var delay = RetryDecisions.ComputeDelay(retryIndex, retryAfter, _options.RetryBaseDelay, _options.MaxRetryDelay, jitter);
            var elapsed = _time.GetElapsedTime(state.StartTimestamp);
            if (elapsed + delay > _options.MaxRetryDuration)
            {
                state.RetryBudgetSpent = true;
                return false;
            }
            state.NextDelay = delay;
            state.NextDelayReason = retryAfter.HasValue
                ? (retryAfter.Value > _options.MaxRetryDelay
                    ? $"the server asked for {FormatDelay(retryAfter.Value)}, capped"
                    : "as the server's Retry-After asks")
                : "backoff with jitter";
            return true;
        }

        /// <summary>
        /// Sends <paramref name="request"/> with <paramref name="accessToken"/> (when given) and
        /// returns the final answer, whatever its status. Throws FunnelFluxException when no answer
        /// could be had, and OperationCanceledException when <paramref name="cancellationToken"/> fires.
        /// </summary>
        public async Task<ApiResponse> SendAsync(ApiRequest request, string? accessToken, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            sink ??= NullEventSink.Instance;
            var uri = ResolveUri(request.RelativePath);
            var state = new CallState(request, sink, $"{request.Method} {uri.AbsoluteUri}", _time.GetTimestamp());
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(CallStateKey, state);
            if (!request.HasSecretBody && request.JsonBody != null)
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
                if (state.RetryBudgetSpent)
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
            state.Attempts++;
            cancellationToken.ThrowIfCancellationRequested();
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(_options.RequestTimeout);
            var watch = Stopwatch.StartNew();
#if NET8_0_OR_GREATER
            var wire = WireAttempt.Begin();
#endif
            try
            {
                using var message = new HttpRequestMessage(state.Request.Method, uri);
                if (HttpHandlerFactory.CloseEachConnection)
                {
                    message.Headers.ConnectionClose = true;
                }
                message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (accessToken != null)
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                }
                if (state.Request.JsonBody != null)
                {
                    message.Content = new StringContent(state.Request.JsonBody, Encoding.UTF8, "application/json");
                }
                using var answer = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token).ConfigureAwait(false);
                string body = await ReadBodyAsync(answer, attemptTimeout.Token).ConfigureAwait(false);
                var response = new ApiResponse(
                    (int)answer.StatusCode,
                    answer.ReasonPhrase ?? string.Empty,
                    body,
                    answer.Content?.Headers.ContentType?.MediaType,
                    ReadRetryAfter(answer));
                state.Sink.Verbose($"{state.Label} -> {response.StatusCode} {response.ReasonPhrase} in {watch.ElapsedMilliseconds} ms{AttemptSuffix(state)}.");
                if (!state.Request.HasSecretBody)
                {
                    state.Sink.Debug($"{state.Label} answer: {Excerpt(body, 4000)}");
                }
                return Outcome.FromResult(new AttemptOutcome(response));
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                state.Sink.Verbose($"{state.Label}: no answer within {FormatDelay(_options.RequestTimeout)}{AttemptSuffix(state)}.");
                return Outcome.FromException<AttemptOutcome>(new AttemptTimeoutException(_options.RequestTimeout, e));
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
                state.Sink.Verbose($"{state.Label}: {DescribeException(e)} after {watch.ElapsedMilliseconds} ms{AttemptSuffix(state)}.");
                return Outcome.FromException<AttemptOutcome>(e);
            }
        }

        private static async Task<string> ReadBodyAsync(HttpResponseMessage answer, CancellationToken cancellationToken)
        {
            if (answer.Content == null)
            {
                return string.Empty;
            }
            // netstandard2.0's ReadAsStringAsync takes no token: register one that disposes the
            // answer, which aborts a body that stalls.
            using (cancellationToken.Register(answer.Dispose))
            {
                try
                {
                    return await answer.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
                catch (ObjectDisposedException e) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException("Reading the answer was cancelled.", e, cancellationToken);
                }
            }
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

        private FunnelFluxException TransportFailure(CallState state, Exception exception)
        {
            string attempts = state.Attempts == 1 ? "1 attempt" : $"{state.Attempts} attempts";
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
            delay.TotalSeconds >= 1 ? $"{delay.TotalSeconds:0.#} s" : $"{delay.TotalMilliseconds:0} ms";

        internal static string Excerpt(string text, int max)
        {
            string flat = text.Replace("\r", " ").Replace("\n", " ").Trim();
            return flat.Length <= max ? flat : flat.Substring(0, max) + "...";
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
            public int Attempts { get; set; }
            public TimeSpan NextDelay { get; set; }
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
