using System.Management.Automation;
using FunnelFlux.Commands.Infrastructure;

namespace FunnelFlux.Commands
{
    /// <summary>Test-FFDomain: runs FunnelFlux's configuration check for domains.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "FFDomain")]
    [OutputType(typeof(DomainCheck))]
    [OutputType(typeof(bool))]
    public sealed class TestFFDomainCommand : FunnelFluxDomainCmdlet
    {
        private ThrottledRunner<DomainCheck>? _runner;

        /// <summary>Return only $true (ready) or $false for each domain; $false also when the check could not run.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            _runner ??= new ThrottledRunner<DomainCheck>(this, ThrottleLimit, (_, check) =>
            {
                if (Quiet)
                {
                    WriteObject(check.IsReady);
                }
                else
                {
                    WriteObject(check);
                }
            },
            // With -Quiet every input gets its boolean, so results line up with inputs.
            _ => { if (Quiet) WriteObject(false); });
            foreach (string input in Domain)
            {
                if (DomainNames.TryNormalize(this, input, out string name))
                {
                    _runner.Add(name, (sink, token) => session.Domains.CheckAsync(name, sink, token));
                }
                else if (Quiet)
                {
                    WriteObject(false);
                }
            }
        }

        protected override void EndProcessing() => _runner?.Complete();
    }
}
