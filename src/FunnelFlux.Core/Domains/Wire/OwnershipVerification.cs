using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>DomainInfo's <c>ownership_verification</c>: the record that proves the user owns the name.</summary>
    internal sealed class OwnershipVerification
    {
        [JsonPropertyName("type")]
        public string? Type { get; set; }

        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("value")]
        public string? Value { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; set; }
    }
}
