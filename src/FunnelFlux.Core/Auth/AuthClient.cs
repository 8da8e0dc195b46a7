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
        /// Validates <paramref name="accessToken"/>, sending <paramref name="refreshToken"/> when
        /// given (needed only once the access token has expired). Returns the tokens to use next.
        /// </summary>
        public async Task<ValidateResult> ValidateAsync(string accessToken, string? refreshToken, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            string? body = refreshToken is null
                ? null
                : JsonSerializer.Serialize(new ValidateRequest { RefreshToken = refreshToken }, CoreJsonContext.Default.ValidateRequest);
            // Validation changes nothing on the server, so it is safe to repeat on transient faults.
            var request = new ApiRequest(HttpMethod.Post, ValidatePath, RetrySafety.Idempotent, body) { HasSecretBody = true };
            var response = await _transport.SendAsync(request, accessToken, sink, cancellationToken).ConfigureAwait(false);

            if (response.StatusCode == 401 || response.StatusCode == 403)
            {
                throw refreshToken is null
                    ? new FunnelFluxException(
                        "AccessTokenRejected",
                        FailureKind.Authentication,
                        "FunnelFlux did not accept the access token: it has expired or is not valid, and no refresh token was given to renew it.",
                        "Pass a refresh token too (Connect-FFAccount -RefreshToken), or create new tokens in the FunnelFlux Pro app (Settings > API Access).",
                        response.StatusCode)
                    : new FunnelFluxException(
                        "RefreshTokenRejected",
                        FailureKind.Authentication,
                        "FunnelFlux did not accept the refresh token, so the session cannot be renewed. Refresh tokens stop working when revoked, when the identity provider's policy ends them, or when more than 100 newer ones have been created.",
                        CreateTokensAdvice,
                        response.StatusCode);
            }
            if (!response.IsSuccessStatus)
            {
                // Never quote the body here: an auth answer may echo a token.
                throw new FunnelFluxException(
                    response.StatusCode == 429 ? "RateLimited" : (response.StatusCode >= 500 ? "ServiceUnavailable" : "TokenValidationFailed"),
                    ApiErrorTranslator.KindOf(null, response.StatusCode) == FailureKind.Unknown ? FailureKind.Authentication : ApiErrorTranslator.KindOf(null, response.StatusCode),
                    $"Validating the access token failed: FunnelFlux answered {response.StatusCode} {response.ReasonPhrase}".TrimEnd() +
                        (response.Attempts > 1 ? $" (after {response.Attempts} attempts)." : "."),
                    response.StatusCode >= 500 || response.StatusCode == 429
                        ? ApiErrorTranslator.AdviceFor(ApiErrorTranslator.KindOf(null, response.StatusCode))
                        : CreateTokensAdvice,
                    response.StatusCode);
            }

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
            if (string.IsNullOrEmpty(newAccessToken))
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

        private static string FormatExpiry(DateTimeOffset? expiresAt) =>
            expiresAt?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'") ?? "an unknown time";
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
