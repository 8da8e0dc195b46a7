using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>DomainInfo's <c>ssl</c>: the certificate status and its TXT validation record.</summary>
    internal sealed class SslValidation
    {
        [JsonPropertyName("status")]
        public string? Status { get; set; }

        [JsonPropertyName("txt_name")]
        public string? TxtName { get; set; }

        [JsonPropertyName("txt_value")]
        public string? TxtValue { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; set; }
    }
}
