using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunnelFlux.Http.Wire
{
    /// <summary>
    /// What every Domains API answer carries: <c>success</c> and, on failure, <c>error_code</c> and
    /// <c>error_message</c>. Booleans are nullable on the wire so a null or missing value reads as
    /// "not successful" instead of failing the whole answer.
    /// </summary>
    internal abstract class ApiEnvelope
    {
        [JsonPropertyName("success")]
        public bool? Success { get; set; }

        [JsonPropertyName("error_code")]
        public string? ErrorCode { get; set; }

        [JsonPropertyName("error_message")]
        public string? ErrorMessage { get; set; }

        /// <summary>Fields this version does not know, kept so nothing the API adds is lost.</summary>
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; set; }

        [JsonIgnore]
        public bool Succeeded => Success == true;
    }
}
