using System.Text.Json.Serialization;

namespace FunnelFlux.Domains.Wire
{
    /// <summary>The body of <c>POST /domains</c>.</summary>
    internal sealed class CreateDomainRequest
    {
        public CreateDomainRequest(string domain)
        {
            Domain = domain;
        }

        /// <summary>The normalised hostname (see <see cref="HostName.Normalize"/>).</summary>
        [JsonPropertyName("domain")]
        public string Domain { get; }
    }
}
