using System.Text.Json.Serialization;
using FunnelFlux.Http.Wire;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>The answer of <c>POST /domains</c> (create) and <c>GET /domains/{domain}</c> (details).</summary>
    internal sealed class DomainResponse : ApiEnvelope
    {
        [JsonPropertyName("domain")]
        public DomainInfo? Domain { get; set; }

        /// <summary>The success message of a create.</summary>
        [JsonPropertyName("message")]
        public string? Message { get; set; }
    }
}
