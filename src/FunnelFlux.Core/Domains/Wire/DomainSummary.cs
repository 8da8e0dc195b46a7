using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>One domain of the list answer (ledger data only; status fields may be empty).</summary>
    /// <remarks>Read by <see cref="DomainSummaryConverter"/>; the attributes below name the fields it reads.</remarks>
    [JsonConverter(typeof(DomainSummaryConverter))]
    internal sealed class DomainSummary
    {
        [JsonPropertyName("id")]
        public string? Id { get; set; }

        [JsonPropertyName("domain")]
        public string? Domain { get; set; }

        [JsonPropertyName("cloudflare_id")]
        public string? CloudflareId { get; set; }

        [JsonPropertyName("status")]
        public string? Status { get; set; }

        [JsonPropertyName("ssl_status")]
        public string? SslStatus { get; set; }

        [JsonPropertyName("verification_errors")]
        public string?[]? VerificationErrors { get; set; }

        [JsonPropertyName("created_at")]
        public string? CreatedAt { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; set; }
    }
}
