using System.Text.Json.Serialization;

namespace FunnelFlux.Auth.Wire
{
    internal sealed class ValidateRequest
    {
        [JsonPropertyName("refresh_token")]
        public string? RefreshToken { get; set; }
    }
}
