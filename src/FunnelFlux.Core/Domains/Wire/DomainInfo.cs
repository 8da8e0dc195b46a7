using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>A domain in a details, create or refresh answer, with its DNS validation records.</summary>
    internal sealed class DomainInfo
    {
        [JsonPropertyName("id")]
        public string? Id { get; set; }

        [JsonPropertyName("domain")]
        public string? Domain { get; set; }

        [JsonPropertyName("owner")]
        public string? Owner { get; set; }

        [JsonPropertyName("created_at")]
        public string? CreatedAt { get; set; }

        [JsonPropertyName("cloudflare_id")]
        public string? CloudflareId { get; set; }

        [JsonPropertyName("status")]
        public string? Status { get; set; }

        /// <summary>
        /// Not documented for DomainInfo (the certificate status is <c>ssl.status</c> there), but
        /// the list sends it under this name; read it as a fallback should details send it too.
        /// </summary>
        [JsonPropertyName("ssl_status")]
        public string? SslStatus { get; set; }

        [JsonPropertyName("ssl")]
        public SslValidation? Ssl { get; set; }

        [JsonPropertyName("ownership_verification")]
        public OwnershipVerification? OwnershipVerification { get; set; }

        [JsonPropertyName("verification_errors")]
        public string?[]? VerificationErrors { get; set; }

        [JsonPropertyName("parsed")]
        public ParsedHostName? Parsed { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; set; }
    }
}
