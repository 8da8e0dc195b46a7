using System.Linq;
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
        private ThrottledRunner<Domain>? _runner;

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            _runner ??= new ThrottledRunner<Domain>(this, ThrottleLimit, (_, domain) =>
            {
                DomainNameCompleter.Invalidate(session);
                WriteObject(domain);
                WriteDnsInstructions(domain);
            });
            foreach (string input in Domain)
            {
                if (!DomainNames.TryNormalize(this, input, out string name))
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

        protected override void EndProcessing() => _runner?.Complete();

        /// <summary>Shown like Write-Host (and kept in the information stream, tag DnsRecords), not as extra output objects.</summary>
        private void WriteDnsInstructions(Domain domain)
        {
            if (domain.DnsRecords.Length == 0)
            {
                return;
            }
            var text = new StringBuilder();
            text.Append("Create these DNS records for ").Append(domain.Name).AppendLine(" at your DNS provider:");
            foreach (var record in domain.DnsRecords)
            {
                text.Append("  ").Append(record.Type).Append("  ").Append(record.Name).Append("  ").Append(record.Value)
                    .Append("  (").Append(record.Purpose).AppendLine(")");
            }
            text.Append("Then run: Invoke-FFDomainRefresh ").Append(domain.Name).Append(" -Wait");
            var message = new HostInformationMessage { Message = text.ToString(), NoNewLine = false };
            WriteInformation(new InformationRecord(message, "FunnelFlux") { Tags = { "PSHOST", "DnsRecords" } });
        }
    }
}
