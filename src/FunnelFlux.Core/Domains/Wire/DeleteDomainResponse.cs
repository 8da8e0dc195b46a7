using System.Text.Json.Serialization;
using FunnelFlux.Http.Wire;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>The answer of <c>DELETE /domains/{domain}</c>.</summary>
    internal sealed class DeleteDomainResponse : ApiEnvelope
    {
        [JsonPropertyName("message")]
        public string? Message { get; set; }
    }
}
