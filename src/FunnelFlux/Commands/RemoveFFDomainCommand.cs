using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using FunnelFlux.Commands.Infrastructure;
using FunnelFlux.Errors;
using FunnelFlux.Http;

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
            foreach (string? input in DomainInputs)
            {
                if (!DomainNames.TryNormalize(this, input, out string name, _runner.Complete) || !Confirmed(name))
                {
                    continue;
                }
                _runner.Add(name, async (sink, token) =>
                {
                    Domain? before = PassThru ? await ReadBeforeRemovingAsync(session, name, sink, token).ConfigureAwait(false) : null;
                    string? message = await session.Domains.DeleteAsync(name, sink, token).ConfigureAwait(false);
                    sink.Verbose($"Removed {name}{(string.IsNullOrEmpty(message) ? "" : ": " + message)}");
                    return before;
                });
            }
        }

        protected override void EndProcessing() => _runner?.Complete();

        /// <summary>
        /// With -PassThru, the domain is read first so that what was removed can be returned. The
        /// user asked to remove, so a failure is reported as a failed removal: a domain that is
        /// not there is left to the delete to report (NOT_FOUND, "Removing ... failed"), and any
        /// other failure of the read says that nothing was removed.
        /// </summary>
        private static async Task<Domain?> ReadBeforeRemovingAsync(ApiSession session, string name, IApiEventSink sink, CancellationToken token)
        {
            try
            {
                return await session.Domains.GetAsync(name, sink, token).ConfigureAwait(false);
            }
            catch (FunnelFluxException e) when (e.Kind == FailureKind.NotFound)
            {
                return null;
            }
            catch (FunnelFluxException e)
            {
                throw new FunnelFluxException(e.ErrorId, e.Kind,
                    $"Removing {name} failed, and nothing was removed: -PassThru reads the domain before removing it, and that read failed. {e.Message}",
                    e.RecommendedAction, e.StatusCode, e.ApiErrorCode, name, e);
            }
        }

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
