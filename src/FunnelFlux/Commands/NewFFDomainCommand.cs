using System.Management.Automation;
using System.Text;
using FunnelFlux.Commands.Infrastructure;

namespace FunnelFlux.Commands
{
    /// <summary>New-FFDomain: adds custom domains and says which DNS records to create.</summary>
    [Cmdlet(VerbsCommon.New, "FFDomain", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Domain))]
    public sealed class NewFFDomainCommand : FunnelFluxDomainCmdlet
    {
        /// <summary>At a console, the DNS instructions of this many domains are shown; the rest are only summed up.</summary>
        internal const int InstructionsShownAtMost = 5;

        private ThrottledRunner<Domain>? _runner;
        private bool? _personWatching;
        private int _instructionsShown;
        private int _instructionsNotShown;

        /// <summary>
        /// The new hostnames, e.g. track.example.com. Declared here without the completer of the
        /// other domain cmdlets: offering the account's existing names would only offer names that
        /// fail with DOMAIN_EXISTS.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "HostName")]
        [DomainNameInput]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public override string?[]? Domain { get => base.Domain; set => base.Domain = value; }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            _runner ??= new ThrottledRunner<Domain>(this, ThrottleLimit, (_, domain) =>
            {
                DomainNameCompleter.Invalidate(session);
                WriteObject(domain);
                WriteDnsInstructions(domain);
            });
            foreach (string? input in DomainInputs)
            {
                if (!DomainNames.TryNormalize(this, input, out string name, _runner.Complete))
                {
                    continue;
                }
                if (!ShouldProcess(name, "Add custom domain (may change your FunnelFlux bill)"))
                {
                    continue;
                }
                _runner.Add(name, (sink, token) => session.Domains.CreateAsync(name, sink, token));
            }
        }

        protected override void EndProcessing()
        {
            _runner?.Complete();
            if (_instructionsNotShown > 0)
            {
                WriteInstructions(
                    $"The DNS records of {_instructionsNotShown} more domain(s) are not shown here: each domain's DnsRecords property has them, " +
                    "for example (Get-FFDomain <name>).DnsRecords, or New-FFDomain ... | Select-Object -ExpandProperty DnsRecords.",
                    toHost: true, tag: "DnsRecordsNotShown");
            }
        }

        /// <summary>
        /// The "Create these DNS records" block, for a person at a console: shown like Write-Host
        /// only when the command was typed at an interactive console (and for at most a few
        /// domains per command), unless -InformationAction says otherwise. Everywhere else it is
        /// a plain information record (tag DnsRecords) that -InformationAction, -InformationVariable
        /// and 6> control, so scripts and CI logs are not flooded. The records themselves are on
        /// the output object either way.
        /// </summary>
        private void WriteDnsInstructions(Domain domain)
        {
            if (domain.DnsRecords.Count == 0)
            {
                return;
            }
            var text = new StringBuilder();
            text.Append("Create these DNS records for ").Append(domain.Name).AppendLine(" at your DNS provider:");
            // The value on a line of its own: whole, and easy to copy at any console width.
            foreach (var record in domain.DnsRecords)
            {
                text.Append("  ").Append(record.Type).Append("  ").Append(record.Name).Append("  (").Append(record.Purpose).AppendLine(")");
                text.Append("       ").AppendLine(record.Value);
            }
            text.Append("Then run: Invoke-FFDomainRefresh ").Append(domain.Name).Append(" -Wait");

            _personWatching ??= ConsoleAudience.IsWatching(this) && !MyInvocation.BoundParameters.ContainsKey("InformationAction");
            bool toHost = _personWatching.Value && _instructionsShown < InstructionsShownAtMost;
            if (toHost)
            {
                _instructionsShown++;
            }
            else if (_personWatching.Value)
            {
                _instructionsNotShown++;
            }
            WriteInstructions(text.ToString(), toHost, "DnsRecords");
        }

        private void WriteInstructions(string text, bool toHost, string tag)
        {
            var message = new HostInformationMessage { Message = text, NoNewLine = false };
            var record = new InformationRecord(message, "FunnelFlux");
            // PSHOST is what makes Write-Host text show whatever the information preference is.
            if (toHost)
            {
                record.Tags.Add("PSHOST");
            }
            record.Tags.Add(tag);
            WriteInformation(record);
        }
    }
}
