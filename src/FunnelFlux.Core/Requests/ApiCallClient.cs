using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Requests
{
    /// <summary>
    /// Any endpoint of the API through a session: the same token renewal, retry pipeline, rate
    /// limit manners and error model as the typed clients, because it sends through the very same
    /// session and transport. Only a GET is retried after the server may have acted; every other
    /// method is sent at most once past that point, like a domain create. Bodies are written to
    /// Debug only with secret-looking fields masked.
    /// </summary>
    public sealed class ApiCallClient
    {
        private const int DebugExcerptLength = 16000;

        private static readonly string[] Methods = { "GET", "POST", "PUT", "PATCH", "DELETE" };

        private readonly ApiSession _session;

        public ApiCallClient(ApiSession session) => _session = session ?? throw new ArgumentNullException(nameof(session));

        /// <summary>
        /// Checks and assembles a request without sending anything: the path must stay inside the
        /// API URI (<see cref="RequestPath"/>), the query is escaped (<see cref="QueryString"/>), and
        /// <paramref name="jsonBody"/> is JSON text already (see <see cref="JsonBody"/>).
        /// </summary>
        /// <exception cref="RequestRefusedException">Anything refused; nothing has been sent.</exception>
        public PreparedApiCall Prepare(string method, string path, IEnumerable<KeyValuePair<string, object?>>? query, string? jsonBody)
        {
            string verb = (method ?? string.Empty).Trim().ToUpperInvariant();
            if (Array.IndexOf(Methods, verb) < 0)
            {
                throw new RequestRefusedException("InvalidMethod", $"-Method '{method}' is not one the API uses; use GET, POST, PUT, PATCH or DELETE. Nothing was sent.", "Method");
            }
            if (verb == "GET" && jsonBody != null)
            {
                throw new RequestRefusedException("BodyNotAllowed", "A GET request carries no body. Pass its parameters with -Query, or use the method the endpoint documents. Nothing was sent.", "Body");
            }
            string relative = RequestPath.ToRelative(_session.ApiUri, path);
            string queryText = query == null ? string.Empty : QueryString.Build(query);
            if (queryText.Length > 0)
            {
                relative += "?" + queryText;
            }
            return new PreparedApiCall(verb, relative, RequestPath.Resolve(_session.ApiUri, relative), jsonBody);
        }

        /// <summary>
        /// Sends <paramref name="call"/>. An answer of any status comes back (with
        /// <see cref="ApiCallResult.Failure"/> set when it is a failure); no answer at all throws
        /// FunnelFluxException (OperationOutcomeUnknown when a changing request may have been acted on).
        /// </summary>
        public async Task<ApiCallResult> SendAsync(PreparedApiCall call, IApiEventSink? sink = null, CancellationToken cancellationToken = default)
        {
            if (call is null) throw new ArgumentNullException(nameof(call));
            sink ??= NullEventSink.Instance;
            var request = new ApiRequest(new HttpMethod(call.Method), call.RelativePath, call.MayChangeState ? RetrySafety.OnlyIfNotActedOn : RetrySafety.Idempotent, call.JsonBody)
            {
                // The transport would log bodies as they are; this client logs them masked instead.
                HasSecretBody = true,
                // -ResponseHeadersVariable hands them to the user.
                WantsHeaders = true,
            };
            sink.Verbose(call.MayChangeState
                ? $"{call.Label}: may change state, so it is not sent again once FunnelFlux may have acted on it."
                : $"{call.Label}: a read, retried after rate limiting, server errors and network failures.");
            if (sink.DebugEnabled && call.JsonBody != null)
            {
                sink.Debug($"{call.Label} body: {ForDebug(call.JsonBody)}");
            }

            ApiResponse response;
            try
            {
                response = await _session.SendAsync(request, sink, cancellationToken).ConfigureAwait(false);
            }
            catch (FunnelFluxException e)
            {
                throw Explain(e, call);
            }

            // Masking reads the whole answer: only for a -Debug that shows it.
            if (sink.DebugEnabled && response.Body.Length > 0)
            {
                sink.Debug($"{call.Label} answer ({response.StatusCode}): {ForDebug(response.Body)}");
            }
            FunnelFluxException? failure = IsFailure(response)
                ? Explain(ApiErrorTranslator.FromResponse(response, request, call.Label, call.ShownRelativePath), call)
                : null;
            return new ApiCallResult(response.StatusCode, response.ReasonPhrase, response.Headers, response.Body, response.MediaType, response.Attempts, failure);
        }

        /// <summary>A non-2xx status, success false, or any error_code (the domain cmdlets' rule, plus error_code).</summary>
        private static bool IsFailure(ApiResponse response)
        {
            var envelope = ApiErrorTranslator.TryReadEnvelope(response);
            return ApiErrorTranslator.IsFailure(response, envelope) || !string.IsNullOrWhiteSpace(envelope?.ErrorCode);
        }

        private static string ForDebug(string body)
        {
            string masked = JsonRedaction.Redact(body);
            return masked.Length <= DebugExcerptLength
                ? masked
                : masked.Substring(0, DebugExcerptLength) + $"... ({masked.Length - DebugExcerptLength} more characters)";
        }

        /// <summary>Advice that fits a request the module knows nothing about, instead of the domain cmdlets' advice.</summary>
        private FunnelFluxException Explain(FunnelFluxException error, PreparedApiCall call)
        {
            string? advice;
            switch (error.Kind)
            {
                case FailureKind.NotFound:
                    advice = $"Check the path against FunnelFlux's API reference (it is relative to {_session.ApiUri}) and any ID in it or in -Query.";
                    break;
                case FailureKind.AlreadyExists:
                    advice = "It exists already, so nothing was added. Read it with a GET request.";
                    break;
                case FailureKind.PermissionDenied:
                    advice = "This account may not do this, or the item belongs to another account.";
                    break;
                case FailureKind.InvalidArgument:
                    advice = "Check the body and the query against FunnelFlux's API reference; -Debug shows the body that was sent.";
                    break;
                case FailureKind.OutcomeUnknown:
                    advice = $"FunnelFlux may have carried out this {call.Method}; it was not sent again, so it cannot have happened twice. Read the data back with a GET request before you send it again.";
                    break;
                default:
                    advice = error.RecommendedAction;
                    break;
            }
            return error.Retold(call.ShownRelativePath, recommendedAction: advice);
        }
    }
}
