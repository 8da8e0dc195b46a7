using System.Text.Json.Serialization;

namespace FunnelFlux.Http.Wire
{
    /// <summary>
    /// Any answer read only for its envelope, to decide success or failure and find the reason.
    /// Adds the reason fields some answers use instead of error_message.
    /// </summary>
    internal sealed class FailureEnvelope : ApiEnvelope
    {
        [JsonPropertyName("message")]
        public string? Message { get; set; }

        /// <summary>Some gateways answer {"error": "..."}.</summary>
        [JsonPropertyName("error")]
        public string? Error { get; set; }
    }
}
