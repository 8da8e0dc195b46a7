using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using FunnelFlux.Auth.Wire;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Auth
{
    /// <summary>
    /// Talks to POST /auth/validate. All knowledge of FunnelFlux's token rules lives here and in
    /// <see cref="TokenKeeper"/>, so a change of identity provider touches these two files only.
    /// What the API answered is quoted in errors, with any token it might echo blanked out.
    /// </summary>
    internal sealed class AuthClient
    {
        public const string ValidatePath = "auth/validate";

        private static readonly string CreateTokensAdvice =
            "Create a new refresh token in the FunnelFlux Pro app (Settings > API Access), then run " +
            "Connect-FFAccount -AccessToken <token> -RefreshToken <token>.";

        private readonly ApiTransport _transport;

        public AuthClient(ApiTransport transport) => _transport = transport;

        /// <summary>
        /// The first check of a new session: validates the access token alone, and only if that is
        /// refused (expired, say) sends the refresh token too, so the refresh token travels only
        /// when needed. When both are refused, the error quotes both answers and asks to check
        /// both tokens: the API cannot tell a wrong access token from a revoked refresh token.
        /// </summary>
        public async Task<ValidateResult> ConnectAsync(string accessToken, string? refreshToken, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            var alone = await SendAsync(accessToken, null, sink, cancellationToken).ConfigureAwait(false);
            if (alone.IsSuccessStatus)
            {
                return Read(alone, accessToken, null, sink);
            }
            if (alone.StatusCode != 401 || refreshToken == null)
            {
                throw Refusal(alone, accessToken, null);
            }
            sink?.Verbose("The access token alone was not accepted (it may have expired); asking again with the refresh token.");
            var withRefresh = await SendAsync(accessToken, refreshToken, sink, cancellationToken).ConfigureAwait(false);
            if (withRefresh.IsSuccessStatus)
            {
                return Read(withRefresh, accessToken, refreshToken, sink);
            }
            if (withRefresh.StatusCode != 401)
            {
                throw Refusal(withRefresh, accessToken, refreshToken);
            }
            throw new FunnelFluxException(
                "TokensRejected",
                FailureKind.Authentication,
                $"FunnelFlux did not accept these tokens. To the access token alone it answered {Describe(alone, accessToken, refreshToken)}; " +
                $"with the refresh token as well it answered {Describe(withRefresh, accessToken, refreshToken)}. Either token may be the wrong one: " +
                "the access token must be one created together with this refresh token (an expired one is fine), and the refresh token may have been revoked or replaced.",
                "Check both tokens: copy them again from where you saved them, or create a new pair in the FunnelFlux Pro app (Settings > API Access), " +
                "then run Connect-FFAccount -AccessToken <token> -RefreshToken <token>.",
                withRefresh.StatusCode,
                CodeOf(withRefresh));
        }

        /// <summary>
        /// Validates <paramref name="accessToken"/>, sending <paramref name="refreshToken"/> when
        /// given (needed only once the access token has expired). Returns the tokens to use next.
        /// </summary>
        public async Task<ValidateResult> ValidateAsync(string accessToken, string? refreshToken, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            var response = await SendAsync(accessToken, refreshToken, sink, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatus)
            {
                throw Refusal(response, accessToken, refreshToken);
            }
            return Read(response, accessToken, refreshToken, sink);
        }

        /// <summary>
        /// Asks whether <paramref name="accessToken"/> still holds, without the refresh token: true
        /// when the API refuses it (401: expired or revoked), false when it accepts it, null when
        /// the answer says neither. This is how a 400 is told apart from an expired token: the API
        /// documents both 401 and 400 for a request made with an expired token.
        /// </summary>
        public async Task<bool?> IsRefusedAsync(string accessToken, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            ApiResponse response;
            try
            {
                response = await SendAsync(accessToken, null, sink, cancellationToken).ConfigureAwait(false);
            }
            catch (FunnelFluxException e)
            {
                sink?.Verbose($"Could not ask whether the access token still holds: {e.Message}");
                return null;
            }
            if (response.StatusCode == 401)
            {
                return true;
            }
            return response.IsSuccessStatus ? false : (bool?)null;
        }

        private Task<ApiResponse> SendAsync(string accessToken, string? refreshToken, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            string? body = refreshToken is null
                ? null
                : JsonSerializer.Serialize(new ValidateRequest { RefreshToken = refreshToken }, CoreJsonContext.Default.ValidateRequest);
            // Validation changes nothing on the server, so it is safe to repeat on transient faults.
            var request = new ApiRequest(HttpMethod.Post, ValidatePath, RetrySafety.Idempotent, body) { HasSecretBody = true };
            return _transport.SendAsync(request, accessToken, sink, cancellationToken);
        }

        private static FunnelFluxException Refusal(ApiResponse response, string accessToken, string? refreshToken)
        {
            const string operation = "Validating the access token";
            if (response.IsRedirect)
            {
                return ApiErrorTranslator.Redirect(response, operation, null);
            }
            string answered = Describe(response, accessToken, refreshToken);
            if (response.StatusCode == 401)
            {
                return refreshToken is null
                    ? new FunnelFluxException(
                        "AccessTokenRejected",
                        FailureKind.Authentication,
                        $"FunnelFlux did not accept the access token (it answered {answered}): it has expired or is not valid, and no refresh token was given to renew it.",
                        "Pass a refresh token too (Connect-FFAccount -RefreshToken), or create new tokens in the FunnelFlux Pro app (Settings > API Access).",
                        response.StatusCode,
                        CodeOf(response))
                    : new FunnelFluxException(
                        "RefreshTokenRejected",
                        FailureKind.Authentication,
                        $"FunnelFlux did not accept the refresh token (it answered {answered}), so the session cannot be renewed. Refresh tokens stop working when revoked, when the identity provider's policy ends them, or when more than 100 newer ones have been created.",
                        CreateTokensAdvice,
                        response.StatusCode,
                        CodeOf(response));
            }
            if (response.StatusCode == 403)
            {
                return new FunnelFluxException(
                    "Forbidden",
                    FailureKind.PermissionDenied,
                    $"{operation} failed: FunnelFlux answered {answered}.",
                    ApiErrorTranslator.ApiAccessAdvice,
                    response.StatusCode,
                    CodeOf(response));
            }
            var kind = ApiErrorTranslator.KindOf(null, response.StatusCode);
            bool passing = response.StatusCode >= 500 || response.StatusCode == 429;
            string message = $"{operation} failed: FunnelFlux answered {answered}" +
                (response.Attempts > 1 ? $" (after {response.Attempts} attempts)." : ".");
            string advice = passing ? ApiErrorTranslator.AdviceFor(kind) : CreateTokensAdvice;
            if (response.StatusCode == 429 && response.RetryAt.HasValue)
            {
                message += $" FunnelFlux asks this session to wait until {InvariantText.UtcSeconds(response.RetryAt.Value)}.";
                advice = ApiTransport.RateLimitAdvice(response.RetryAt.Value);
            }
            return new FunnelFluxException(
                response.StatusCode == 429 ? "RateLimited" : (response.StatusCode >= 500 ? "ServiceUnavailable" : "TokenValidationFailed"),
                kind == FailureKind.Unknown || kind == FailureKind.NotFound || kind == FailureKind.InvalidArgument ? FailureKind.Authentication : kind,
                message,
                advice,
                response.StatusCode,
                CodeOf(response));
        }

        private static ValidateResult Read(ApiResponse response, string accessToken, string? refreshToken, IApiEventSink? sink)
        {
            ValidateResponse? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize(response.Body, CoreJsonContext.Default.ValidateResponse);
            }
            catch (JsonException e)
            {
                throw ApiErrorTranslator.InvalidBody(response, "Validating the access token", null, e, bodyMayHoldSecrets: true);
            }
            string? newAccessToken = parsed?.Tokens?.AccessToken;
            if (string.IsNullOrEmpty(newAccessToken) || TokenText.FindProblem(newAccessToken) != null)
            {
                throw ApiErrorTranslator.InvalidBody(response, "Validating the access token", null, null, bodyMayHoldSecrets: true);
            }
            var expiresAt = TokenExpiry.FromJson(parsed!.Tokens!.ExpiresAt);
            // Keep a refresh token the server sends back (rotation); otherwise keep the one we have.
            string? nextRefresh = string.IsNullOrEmpty(parsed.Tokens.RefreshToken) ? refreshToken : parsed.Tokens.RefreshToken;
            bool sameToken = string.Equals(newAccessToken, accessToken, StringComparison.Ordinal);
            sink?.Verbose(sameToken
                ? $"The access token is valid until {FormatExpiry(expiresAt)}."
                : $"Received a new access token, valid until {FormatExpiry(expiresAt)}.");
            return new ValidateResult(newAccessToken!, expiresAt, nextRefresh, sameToken);
        }

        /// <summary>"401 Unauthorized (UNAUTHORIZED: Missing or unknown access token)", with any token blanked out.</summary>
        internal static string Describe(ApiResponse response, string accessToken, string? refreshToken)
        {
            string status = $"{response.StatusCode} {response.ReasonPhrase}".Trim();
            var envelope = ApiErrorTranslator.TryReadEnvelope(response);
            string? code = Trimmed(envelope?.ErrorCode);
            string? message = Trimmed(envelope?.ErrorMessage) ?? Trimmed(envelope?.Error) ?? Trimmed(envelope?.Message);
            string detail = code != null && message != null ? $"{code}: {message}" : code ?? message ?? string.Empty;
            if (detail.Length == 0)
            {
                return status;
            }
            detail = Blank(Blank(detail, accessToken), refreshToken);
            return $"{status} ({ApiTransport.Excerpt(detail, 160)})";
        }

        private static string? CodeOf(ApiResponse response) => Trimmed(ApiErrorTranslator.TryReadEnvelope(response)?.ErrorCode);

        private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();

        private static string Blank(string text, string? secret) =>
            string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "***");

        private static string FormatExpiry(DateTimeOffset? expiresAt) =>
            expiresAt is DateTimeOffset time ? InvariantText.UtcSeconds(time) : "an unknown time";
    }

    /// <summary>What /auth/validate answered: the access token to use next and its expiry.</summary>
    internal sealed class ValidateResult
    {
        public ValidateResult(string accessToken, DateTimeOffset? expiresAt, string? refreshToken, bool sameAccessToken)
        {
            AccessToken = accessToken;
            ExpiresAt = expiresAt;
            RefreshToken = refreshToken;
            SameAccessToken = sameAccessToken;
        }

        public string AccessToken { get; }
        public DateTimeOffset? ExpiresAt { get; }
        public string? RefreshToken { get; }

        /// <summary>The server repeated the token it was given: that token is still valid.</summary>
        public bool SameAccessToken { get; }

        public override string ToString() => $"ValidateResult(expires {ExpiresAt?.ToString("u") ?? "unknown"})";
    }
}
