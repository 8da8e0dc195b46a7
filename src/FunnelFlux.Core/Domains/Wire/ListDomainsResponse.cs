using System.Text.Json.Serialization;
using FunnelFlux.Http.Wire;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>The answer of <c>GET /domains</c>.</summary>
    internal sealed class ListDomainsResponse : ApiEnvelope
    {
        [JsonPropertyName("domains")]
        public DomainSummary?[]? Domains { get; set; }
    }
}
