using System.Text.Json.Serialization;

namespace FunnelFlux.Http.Wire
{
    /// <summary>
    /// Any answer read only for its envelope, to decide success or failure and find the reason,
    /// with the reason fields some answers use instead of error_message. Unlike the typed
    /// answers it keeps no unknown fields: it is read for its reason only, and keeping them would
    /// copy a whole list answer into a JsonDocument just to look at three fields.
    /// </summary>
    internal sealed class FailureEnvelope
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
