using System.Text.Json.Nodes;

namespace FunnelFlux.Emulator;

/// <summary>POST /v1/auth/validate: confirm or reissue an access token.</summary>
internal sealed class AuthEndpoint(EmulatorOptions options, AccountRegistry accounts)
{
    public async Task<ApiResult> ValidateAsync(ApiRequest request, CancellationToken cancellation)
    {
        if (options.ValidateDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.ValidateDelay, cancellation).ConfigureAwait(false);
        }

        if (!JsonBodies.TryReadString(request.Body, "refresh_token", out string? refreshToken))
        {
            return Envelopes.Failure(400, "INVALID_REQUEST", "The request body is not a JSON object");
        }

        ValidateOutcome outcome = accounts.Validate(request.BearerToken, refreshToken);
        return outcome.Status switch
        {
            ValidateStatus.UnknownAccessToken => Envelopes.Unauthorized("Missing or unknown access token"),
            ValidateStatus.ExpiredWithoutRefreshToken => Envelopes.Failure(401, "TOKEN_EXPIRED", "Access token has expired; send a refresh_token to obtain a new one"),
            ValidateStatus.RefreshTokenRejected => Envelopes.Failure(401, "INVALID_REFRESH_TOKEN", "The refresh token is invalid or has been revoked; create a new one in the FunnelFlux Pro app (Settings > API Access)"),
            _ => new ApiResult(200, TokensBody(outcome)),
        };
    }

    private string TokensBody(ValidateOutcome outcome)
    {
        var tokens = new JsonObject
        {
            ["access_token"] = outcome.AccessToken,
            ["expires_at"] = options.ExpiresAtInMilliseconds
                ? outcome.ExpiresAt.ToUnixTimeMilliseconds()
                : outcome.ExpiresAt.ToUnixTimeSeconds(),
            // Not documented: present so clients prove they ignore fields they do not know.
            ["token_type"] = "Bearer",
        };
        if (outcome.NewRefreshToken is not null)
        {
            tokens["refresh_token"] = outcome.NewRefreshToken;
        }

        return new JsonObject { ["tokens"] = tokens }.ToJsonString();
    }
}
