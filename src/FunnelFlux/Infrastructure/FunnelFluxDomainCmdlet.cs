using System.Collections.Generic;
using System.Management.Automation;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// The parameters shared by the cmdlets that act on named domains (New, Test, Invoke-...Refresh,
    /// Remove): -Domain from the pipeline, and -ThrottleLimit for opting in to parallel requests.
    /// </summary>
    public abstract class FunnelFluxDomainCmdlet : FunnelFluxApiCmdlet
    {
        /// <summary>
        /// The hostnames, e.g. track.example.com; strings, or objects with a Domain, Name or HostName property.
        /// Null and empty values are let through binding on purpose: each is one input, refused by
        /// <see cref="DomainNames"/> with a clear error (or, for Test-FFDomain -Quiet, a $false).
        /// Virtual so that New-FFDomain can declare it without completion of existing names.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "HostName")]
        [ArgumentCompleter(typeof(DomainNameCompleter))]
        [DomainNameInput]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public virtual string?[]? Domain { get; set; } = new string?[0];

        /// <summary>How many domains to work on at once (1 to 16); one at a time by default.</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = 1;

        /// <summary>The values of -Domain for this record; a $null piped in is one (invalid) input, not none.</summary>
        internal IEnumerable<string?> DomainInputs => Domain ?? new string?[] { null };
    }
}
