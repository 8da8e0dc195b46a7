using System.Text.Json.Serialization;

namespace FunnelFlux.Http.Wire
{
    /// <summary>The fields every billing answer may carry; read before the typed body.</summary>
    internal sealed class ApiEnvelope
    {
        [JsonPropertyName("success")]
        public bool? Success { get; set; }

        [JsonPropertyName("error_code")]
        public string? ErrorCode { get; set; }

        [JsonPropertyName("error_message")]
        public string? ErrorMessage { get; set; }

        [JsonPropertyName("message")]
        public string? Message { get; set; }

        /// <summary>Some gateways answer {"error": "..."}.</summary>
        [JsonPropertyName("error")]
        public string? Error { get; set; }
    }
}
