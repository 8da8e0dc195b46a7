using System.Text.Json.Serialization;

namespace FunnelFlux.Auth.Wire
{
    /// <summary>The saved session file's content (protected on disk; see FileSessionStore).</summary>
    internal sealed class SavedSessionDocument
    {
        [JsonPropertyName("version")]
        public int Version { get; set; } = 1;

        [JsonPropertyName("api_uri")]
        public string? ApiUri { get; set; }

        [JsonPropertyName("access_token")]
        public string? AccessToken { get; set; }

        [JsonPropertyName("access_token_expires_at")]
        public long? AccessTokenExpiresAtUnixMs { get; set; }

        [JsonPropertyName("refresh_token")]
        public string? RefreshToken { get; set; }

        [JsonPropertyName("saved_at")]
        public long SavedAtUnixMs { get; set; }
    }
}
