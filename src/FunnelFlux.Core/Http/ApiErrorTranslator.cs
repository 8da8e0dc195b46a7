using System;
using System.Text.Json;
using FunnelFlux.Errors;
using FunnelFlux.Http.Wire;

namespace FunnelFlux.Http
{
    /// <summary>
    /// The one place that turns a failed answer (non-2xx, or 2xx with success false, or a body
    /// that is not the JSON expected) into a FunnelFluxException with a stable ErrorId, a kind
    /// and a message that says what to do.
    /// </summary>
    internal static class ApiErrorTranslator
    {
        /// <summary>Reads the envelope if the body is JSON; null when it is not.</summary>
        public static FailureEnvelope? TryReadEnvelope(ApiResponse response)
        {
            try
            {
                if (response.TryGetUtf8Body(out var utf8))
                {
                    var bytes = utf8.Span;
                    int start = 0;
                    while (start < bytes.Length && BodyBytes.IsAsciiBlank(bytes[start]))
                    {
                        start++;
                    }
                    return start < bytes.Length && bytes[start] == '{'
                        ? JsonSerializer.Deserialize(bytes.Slice(start), CoreJsonContext.Default.FailureEnvelope)
                        : null;
                }
                string body = response.Body.TrimStart();
                return body.Length > 0 && body[0] == '{'
                    ? JsonSerializer.Deserialize(body, CoreJsonContext.Default.FailureEnvelope)
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>True when the answer is a failure by status or by its envelope.</summary>
        public static bool IsFailure(ApiResponse response, FailureEnvelope? envelope) =>
            !response.IsSuccessStatus || envelope?.Success == false;

        public static FunnelFluxException FromResponse(ApiResponse response, ApiRequest request, string operation, object? target)
        {
            if (response.IsRedirect)
            {
                return Redirect(response, operation, target);
            }
            var envelope = TryReadEnvelope(response);
            string? code = string.IsNullOrWhiteSpace(envelope?.ErrorCode) ? null : envelope!.ErrorCode!.Trim();
            string? apiMessage = FirstNonEmpty(envelope?.ErrorMessage, envelope?.Error, response.IsSuccessStatus ? null : envelope?.Message);
            FailureKind kind = KindOf(code, response.StatusCode);
            if (kind == FailureKind.Connection && response.StatusCode >= 500 && request.Safety == RetrySafety.OnlyIfNotActedOn)
            {
                // A server error may come after the server acted; the refusals (4xx) never do.
                kind = FailureKind.OutcomeUnknown;
            }

            string message = $"{operation} failed: {Answered(response, envelope, code, apiMessage)}.";
            string advice = AdviceFor(kind, code);
            if (kind == FailureKind.OutcomeUnknown)
            {
                message += " The request may have been carried out; it was not repeated, to avoid doing it twice.";
            }
            if (kind == FailureKind.RateLimited && response.RetryAt.HasValue)
            {
                message += response.RetryAfter.HasValue
                    ? $" The server asks to wait {ApiTransport.FormatDelay(response.RetryAfter.Value)}, until {InvariantText.UtcSeconds(response.RetryAt.Value)}."
                    : $" This session now waits until {InvariantText.UtcSeconds(response.RetryAt.Value)} before it sends again.";
                advice = ApiTransport.RateLimitAdvice(response.RetryAt.Value);
            }

            return new FunnelFluxException(
                // The API's code where it gave one; else, after a changing request, the name of "may
                // have been carried out" rather than ServiceUnavailable, which reads as "not done".
                code ?? (kind == FailureKind.OutcomeUnknown ? "OperationOutcomeUnknown" : ErrorIdFor(response.StatusCode)),
                kind,
                message,
                advice,
                response.StatusCode,
                code,
                target);
        }

        /// <summary>
        /// A 3xx: redirects are never followed, because the token would travel to wherever they
        /// point. Says where it pointed; the fix is nearly always the address the session uses.
        /// </summary>
        public static FunnelFluxException Redirect(ApiResponse response, string operation, object? target)
        {
            string where = response.Location != null ? $" to {response.Location}" : " (without saying where to)";
            return new FunnelFluxException(
                "UnexpectedRedirect",
                FailureKind.Connection,
                $"{operation} failed: FunnelFlux answered {StatusText(response)}, a redirect{where}. " +
                "The module does not follow redirects, so that the tokens are never sent to another address; nothing was repeated there.",
                "Check the API address of the session (Connect-FFAccount -ApiUri or $env:FUNNELFLUX_API_URI; the default is " +
                $"{ApiClientOptions.DefaultApiUri}) and the proxy settings: a redirect means that address is out of date, or something in between answers for the API.",
                response.StatusCode,
                null,
                target);
        }

        /// <summary>What a failed answer said, as a changing request's read-back reports it.</summary>
        internal static string Answered(ApiResponse response)
        {
            var envelope = TryReadEnvelope(response);
            string? code = string.IsNullOrWhiteSpace(envelope?.ErrorCode) ? null : envelope!.ErrorCode!.Trim();
            return Answered(response, envelope, code, FirstNonEmpty(envelope?.ErrorMessage, envelope?.Error, response.IsSuccessStatus ? null : envelope?.Message));
        }

        /// <summary>"FunnelFlux answered 503 Service Unavailable: its reason (CODE) (after 2 attempts)", without a full stop.</summary>
        private static string Answered(ApiResponse response, FailureEnvelope? envelope, string? code, string? apiMessage)
        {
            string reason;
            if (apiMessage != null)
            {
                reason = code != null ? $"{apiMessage} ({code})" : apiMessage;
            }
            else if (envelope == null && response.HasBody)
            {
                reason = $"the answer was not JSON: \"{Quote(response)}\"";
            }
            else
            {
                reason = code ?? "no reason given";
            }
            string answered = $"FunnelFlux answered {StatusText(response)}: {reason}";
            return response.Attempts > 1 ? answered + $" (after {response.Attempts} attempts)" : answered;
        }

        private static string StatusText(ApiResponse response) =>
            $"{response.StatusCode}{(string.IsNullOrEmpty(response.ReasonPhrase) ? "" : " " + response.ReasonPhrase)}";

        /// <summary>
        /// A 2xx answer whose body could not be read as the JSON expected. The excerpt is left out
        /// when the body may hold secrets (answers of /auth/validate carry tokens).
        /// </summary>
        public static FunnelFluxException InvalidBody(ApiResponse response, string operation, object? target, Exception? cause, bool bodyMayHoldSecrets = false)
        {
            string excerpt = bodyMayHoldSecrets || !response.HasBody
                ? string.Empty
                : $": \"{Quote(response)}\"";
            return new FunnelFluxException(
                "InvalidResponse",
                FailureKind.InvalidResult,
                $"{operation} failed: FunnelFlux answered {response.StatusCode} with a body that is not the JSON expected{excerpt}.",
                "This is usually a passing fault of the service or a proxy in between; try again. If it persists, report it with the output of -Debug.",
                response.StatusCode,
                null,
                target,
                cause);
        }

        /// <summary>
        /// A 2xx answer that is well-formed JSON but not what was asked for (no list, another
        /// domain): it is not believed. <paramref name="what"/> says what is wrong with it.
        /// </summary>
        public static FunnelFluxException UnexpectedAnswer(ApiResponse response, string operation, object? target, string what, string? advice = null) =>
            new FunnelFluxException(
                "InvalidResponse",
                FailureKind.InvalidResult,
                $"{operation} failed: FunnelFlux answered {StatusText(response)}, but {what}. The answer was not used.",
                advice ?? AdviceFor(FailureKind.InvalidResult),
                response.StatusCode,
                null,
                target);

        public static FailureKind KindOf(string? code, int status)
        {
            switch (code?.ToUpperInvariant())
            {
                case "NOT_FOUND":
                case "DOMAIN_NOT_FOUND":
                    return FailureKind.NotFound;
                case "DOMAIN_EXISTS":
                    return FailureKind.AlreadyExists;
                case "DOMAIN_ALREADY_OWNED":
                case "FORBIDDEN":
                    return FailureKind.PermissionDenied;
                case "UNAUTHORIZED":
                case "TOKEN_EXPIRED":
                case "INVALID_TOKEN":
                    return FailureKind.Authentication;
                case "RATE_LIMITED":
                case "TOO_MANY_REQUESTS":
                    return FailureKind.RateLimited;
            }
            if (code != null && (code.StartsWith("INVALID", StringComparison.OrdinalIgnoreCase) || code.StartsWith("VALIDATION", StringComparison.OrdinalIgnoreCase)))
            {
                return FailureKind.InvalidArgument;
            }
            switch (status)
            {
                case 400: return FailureKind.InvalidArgument;
                case 401: return FailureKind.Authentication;
                case 403: return FailureKind.PermissionDenied;
                case 404: return FailureKind.NotFound;
                case 409: return FailureKind.AlreadyExists;
                case 429: return FailureKind.RateLimited;
            }
            if (status >= 500)
            {
                return FailureKind.Connection;
            }
            return FailureKind.Unknown;
        }

        private static string ErrorIdFor(int status)
        {
            switch (status)
            {
                case 400: return "BadRequest";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "NotFound";
                case 409: return "Conflict";
                case 429: return "RateLimited";
            }
            if (status >= 500) return "ServiceUnavailable";
            if (status >= 200 && status <= 299) return "RequestFailed";
            return "HttpStatus" + status;
        }

        /// <summary>The API's error codes that mean "another account owns it" rather than "no access".</summary>
        public static bool MeansOwnedElsewhere(string? code) =>
            string.Equals(code, "DOMAIN_ALREADY_OWNED", StringComparison.OrdinalIgnoreCase);

        public static string AdviceFor(FailureKind kind, string? code = null)
        {
            switch (kind)
            {
                case FailureKind.NotFound: return "Check the name; Get-FFDomain lists what the account has.";
                case FailureKind.AlreadyExists: return "Nothing to add: it already exists. Use Get-FFDomain to see it.";
                case FailureKind.PermissionDenied:
                    return MeansOwnedElsewhere(code)
                        ? "The item belongs to another account. Remove it there first, or ask FunnelFlux support."
                        : ApiAccessAdvice;
                case FailureKind.Authentication: return "Connect again with Connect-FFAccount. If the refresh token no longer works, create a new one in the FunnelFlux Pro app (Settings > API Access).";
                case FailureKind.RateLimited: return "FunnelFlux is rate limiting this account. Wait a few minutes before trying again, and send fewer requests (lower -ThrottleLimit).";
                case FailureKind.InvalidArgument: return "Correct the input and try again.";
                case FailureKind.Connection: return "FunnelFlux is unavailable or unreachable right now. Try again in a few minutes.";
                case FailureKind.Timeout: return "Try again later, or allow more time with Connect-FFAccount -TimeoutSec.";
                case FailureKind.OutcomeUnknown: return "Check the current state (for a domain, Get-FFDomain <name>) before trying again.";
                case FailureKind.InvalidResult: return "Try again; if it persists, report it with the output of -Debug.";
                case FailureKind.Security: return "Check -ApiUri and the proxy settings: the server's certificate must be one this computer trusts.";
                default: return "Try again; if it persists, run with -Verbose to see each request.";
            }
        }

        /// <summary>What a plain 403 means for this API: the tokens' access, not the item.</summary>
        public const string ApiAccessAdvice =
            "FunnelFlux refused access: these tokens may not have API access, or the account's API access may be limited or suspended " +
            "(FunnelFlux does that for automation it considers abusive). Check Settings > API Access in the FunnelFlux Pro app, or ask FunnelFlux support.";

        private static string? FirstNonEmpty(params string?[] values)
        {
            foreach (var v in values)
            {
                if (!string.IsNullOrWhiteSpace(v)) return v!.Trim();
            }
            return null;
        }

        /// <summary>How many characters from the start of an answer a quote is taken from.</summary>
        internal const int QuoteWindow = 32 * 1024;

        /// <summary>
        /// The first 120 characters of an answer's text, its markup left out, for an error
        /// message. Only the answer's first <see cref="QuoteWindow"/> characters are looked at
        /// (decoded from the bytes only that far), so a long answer costs no more than a short one;
        /// "..." says that more followed.
        /// </summary>
        private static string Quote(ApiResponse response)
        {
            string start = response.BodyStart(QuoteWindow, out bool more);
            if (start.Length > QuoteWindow)
            {
                start = start.Substring(0, QuoteWindow);
                more = true;
            }
            if (more)
            {
                // A tag cut off at the window's end is markup, not text.
                int open = start.LastIndexOf('<');
                if (open >= 0 && start.IndexOf('>', open) < 0)
                {
                    start = start.Substring(0, open);
                }
            }
            return ApiTransport.Excerpt(MarkupText.Strip(start), 120, more);
        }
    }
}
