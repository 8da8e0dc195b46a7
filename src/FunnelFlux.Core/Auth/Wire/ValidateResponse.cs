using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunnelFlux.Auth.Wire
{
    /// <summary>Only the start of this answer is documented; everything else is ignored.</summary>
    internal sealed class ValidateResponse
    {
        [JsonPropertyName("tokens")]
        public ValidateTokens? Tokens { get; set; }
    }

    internal sealed class ValidateTokens
    {
        [JsonPropertyName("access_token")]
        public string? AccessToken { get; set; }

        /// <summary>Unix seconds or milliseconds (undocumented which); kept raw and decoded later.</summary>
        [JsonPropertyName("expires_at")]
        public JsonElement ExpiresAt { get; set; }

        [JsonPropertyName("refresh_token")]
        public string? RefreshToken { get; set; }
    }
}
