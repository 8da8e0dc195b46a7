using System.Management.Automation;
using FunnelFlux.Commands.Infrastructure;

namespace FunnelFlux.Commands
{
    /// <summary>Remove-FFDomain: deletes custom domains.</summary>
    [Cmdlet(VerbsCommon.Remove, "FFDomain", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Domain))]
    public sealed class RemoveFFDomainCommand : FunnelFluxDomainCmdlet
    {
        private ThrottledRunner<Domain?>? _runner;

        /// <summary>Delete without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Return each removed domain (as read just before it was removed).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            _runner ??= new ThrottledRunner<Domain?>(this, ThrottleLimit, (_, removed) =>
            {
                DomainNameCompleter.Invalidate(session);
                if (PassThru && removed != null)
                {
                    WriteObject(removed);
                }
            });
            foreach (string input in Domain)
            {
                if (!DomainNames.TryNormalize(this, input, out string name) || !Confirmed(name))
                {
                    continue;
                }
                _runner.Add(name, async (sink, token) =>
                {
                    // With -PassThru, read the domain first so what was removed can be returned.
                    Domain? before = PassThru ? await session.Domains.GetAsync(name, sink, token).ConfigureAwait(false) : null;
                    string? message = await session.Domains.DeleteAsync(name, sink, token).ConfigureAwait(false);
                    sink.Verbose($"Removed {name}{(string.IsNullOrEmpty(message) ? "" : ": " + message)}");
                    return before;
                });
            }
        }

        protected override void EndProcessing() => _runner?.Complete();

        /// <summary>
        /// -Force skips the prompt, but -WhatIf (or $WhatIfPreference) still only describes, and an
        /// explicit -Confirm still asks.
        /// </summary>
        private bool Confirmed(string name)
        {
            const string action = "Delete custom domain (may change your FunnelFlux bill)";
            bool confirmBound = MyInvocation.BoundParameters.ContainsKey("Confirm");
            if (Force && !confirmBound && !WhatIfActive())
            {
                return true;
            }
            return ShouldProcess(name, action);
        }

        private bool WhatIfActive()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? whatIf))
            {
                return whatIf is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(whatIf);
            }
            return LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
        }
    }
}
