using System.Text.Json.Serialization;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>The body of <c>POST /domains/check</c>.</summary>
    internal sealed class CheckDomainRequest
    {
        public CheckDomainRequest(string domain)
        {
            Domain = domain;
        }

        /// <summary>The normalised hostname (see <see cref="HostName.Normalize"/>).</summary>
        [JsonPropertyName("domain")]
        public string Domain { get; }
    }
}
