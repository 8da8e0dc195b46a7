using System;
using System.Collections.Generic;

namespace FunnelFlux
{
    /// <summary>
    /// The result of FunnelFlux's configuration check of a custom domain: whether it routes to
    /// FunnelFlux, whether its certificate is valid, and Cloudflare's view of it.
    /// </summary>
    public sealed class DomainCheck
    {
        internal DomainCheck(string domain)
        {
            Domain = domain;
        }

        /// <summary>The domain that was checked.</summary>
        public string Domain { get; }

        /// <summary>Whether the check itself ran; a false value says nothing about the domain.</summary>
        public bool Success { get; internal set; }

        /// <summary>The domain routes to FunnelFlux (the redirect check passed).</summary>
        public bool Found { get; internal set; }

        /// <summary>The TLS handshake succeeded with a valid certificate.</summary>
        public bool SslValid { get; internal set; }

        /// <summary>The HTTP status of the domain's debug endpoint as sent; FunnelFlux sends 0 when it reached no server.</summary>
        public int? HttpStatus { get; internal set; }

        public string? SslError { get; internal set; }

        public TimeSpan? ResponseTime { get; internal set; }

        public string? ErrorMessage { get; internal set; }

        /// <summary>When FunnelFlux ran the check; null when the API did not say.</summary>
        public DateTimeOffset? CheckedAt { get; internal set; }

        /// <summary>Cloudflare's hostname status as sent (pending, active, moved, deleted, ...).</summary>
        public string? CloudflareStatus { get; internal set; }

        /// <summary>Cloudflare's SSL status as sent (initializing, pending_validation, active, ...).</summary>
        public string? CloudflareSslStatus { get; internal set; }

        /// <summary>
        /// Routes to FunnelFlux with a valid certificate, and Cloudflare agrees (when it reported
        /// a status at all).
        /// </summary>
        public bool IsReady =>
            Found && SslValid && IsActiveOrAbsent(CloudflareStatus) && IsActiveOrAbsent(CloudflareSslStatus);

        /// <summary>Fields the API sent that this version does not know, as raw JSON text by field name.</summary>
        internal IReadOnlyDictionary<string, string> AdditionalProperties { get; set; } = EmptyProperties.Instance;

        /// <summary>
        /// The fields FunnelFlux sent that this version of the module does not know, as raw JSON
        /// text by field name. A method rather than a property, so that they stay out of
        /// Select-Object *, Format-List *, ConvertTo-Json and Export-Csv.
        /// </summary>
        public IReadOnlyDictionary<string, string> GetAdditionalProperties() => RawFields.Own(AdditionalProperties);

        public override string ToString() => Domain;

        private static bool IsActiveOrAbsent(string? status) =>
            string.IsNullOrEmpty(status) || DomainStatus.IsActive(status);
    }
}
