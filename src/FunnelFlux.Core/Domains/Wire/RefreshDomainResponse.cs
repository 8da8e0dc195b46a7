using System.Text.Json.Serialization;
using FunnelFlux.Http.Wire;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>The answer of <c>POST /domains/{domain}/refresh</c>: fresh Cloudflare status plus a routing check.</summary>
    internal sealed class RefreshDomainResponse : ApiEnvelope
    {
        [JsonPropertyName("domain")]
        public DomainInfo? Domain { get; set; }

        [JsonPropertyName("check")]
        public CheckDomainResponse? Check { get; set; }
    }
}
