using System;
using FunnelFlux.Errors;

namespace FunnelFlux.Auth
{
    /// <summary>
    /// The tokens of one session, kept together because a refresh needs the latest access token
    /// (even expired) as well as the refresh token. Immutable: a refresh makes a new set with a
    /// higher generation. ToString never shows a token.
    /// </summary>
    internal sealed class TokenSet
    {
        public TokenSet(string accessToken, DateTimeOffset? expiresAt, string? refreshToken, long generation, DateTimeOffset? refreshDueAt = null)
        {
            if (string.IsNullOrEmpty(accessToken)) throw new ArgumentException("An access token is required.", nameof(accessToken));
            AccessToken = accessToken;
            ExpiresAt = expiresAt;
            RefreshToken = string.IsNullOrEmpty(refreshToken) ? null : refreshToken;
            Generation = generation;
            // Every token the process holds is masked wherever server text is shown.
            KnownSecrets.Remember(AccessToken);
            KnownSecrets.Remember(RefreshToken);
            RefreshDueAt = refreshDueAt;
        }

        public string AccessToken { get; }

        /// <summary>When the access token expires, if known.</summary>
        public DateTimeOffset? ExpiresAt { get; }

        public string? RefreshToken { get; }

        /// <summary>Rises with each refresh, so concurrent callers can tell whether someone else refreshed.</summary>
        public long Generation { get; }

        /// <summary>
        /// When to renew the token ahead of its expiry; null when it cannot be renewed (no refresh
        /// token or no known expiry). See <see cref="TokenKeeper"/> for how it is chosen.
        /// </summary>
        public DateTimeOffset? RefreshDueAt { get; }

        public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt.HasValue && ExpiresAt.Value <= now;

        public override string ToString() =>
            $"TokenSet(generation {Generation}, expires {ExpiresAt?.ToString("u") ?? "unknown"}, refresh token {(RefreshToken != null ? "held" : "none")})";
    }
}
