using System.Management.Automation;
using FunnelFlux.Commands.Infrastructure;
using FunnelFlux.Domains;

namespace FunnelFlux.Commands
{
    /// <summary>Test-FFDomain: runs FunnelFlux's configuration check for domains.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "FFDomain")]
    [OutputType(typeof(DomainCheck))]
    [OutputType(typeof(bool))]
    public sealed class TestFFDomainCommand : FunnelFluxDomainCmdlet
    {
        private ThrottledRunner<DomainCheck>? _runner;

        /// <summary>
        /// Return only $true (ready) or $false for each input, as Test-Connection -Quiet does:
        /// $false also when the input could not be checked, and no error for it.
        /// </summary>
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
            _ => { if (Quiet) WriteObject(false); },
            writeErrors: !Quiet);
            // A $null piped in binds as a null array: it is one input that cannot be checked.
            foreach (string? input in Domain ?? new string?[] { null })
            {
                if (Quiet)
                {
                    if (HostName.TryNormalize(input, out string quietName, out _))
                    {
                        _runner.Add(quietName, (sink, token) => session.Domains.CheckAsync(quietName, sink, token));
                    }
                    else
                    {
                        WriteObject(false);
                    }
                    continue;
                }
                if (DomainNames.TryNormalize(this, input, out string name, _runner.Complete))
                {
                    _runner.Add(name, (sink, token) => session.Domains.CheckAsync(name, sink, token));
                }
            }
        }

        protected override void EndProcessing() => _runner?.Complete();
    }
}
