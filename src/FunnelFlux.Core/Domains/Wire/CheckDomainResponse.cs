using System.Text.Json.Serialization;
using FunnelFlux.Http.Wire;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>
    /// The configuration check answer, flat (also nested as <c>check</c> in a refresh answer).
    /// The two int64 fields are read as double so that a fractional or string value does not
    /// fail the whole answer; the mapper turns them into a duration and a time.
    /// </summary>
    internal sealed class CheckDomainResponse : ApiEnvelope
    {
        [JsonPropertyName("found")]
        public bool? Found { get; set; }

        [JsonPropertyName("ssl_valid")]
        public bool? SslValid { get; set; }

        [JsonPropertyName("http_status")]
        public int? HttpStatus { get; set; }

        [JsonPropertyName("ssl_error")]
        public string? SslError { get; set; }

        [JsonPropertyName("response_time_ms")]
        public double? ResponseTimeMs { get; set; }

        [JsonPropertyName("check_timestamp")]
        public double? CheckTimestamp { get; set; }

        [JsonPropertyName("cloudflare_status")]
        public string? CloudflareStatus { get; set; }

        [JsonPropertyName("cloudflare_ssl_status")]
        public string? CloudflareSslStatus { get; set; }
    }
}
