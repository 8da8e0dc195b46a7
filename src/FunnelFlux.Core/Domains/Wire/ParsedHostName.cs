using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>DomainInfo's <c>parsed</c>: the hostname split into subdomain and registrable root.</summary>
    internal sealed class ParsedHostName
    {
        [JsonPropertyName("subdomain")]
        public string? Subdomain { get; set; }

        [JsonPropertyName("root_domain")]
        public string? RootDomain { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; set; }
    }
}
