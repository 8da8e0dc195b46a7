using System.Management.Automation;
using FunnelFlux.Auth;
using FunnelFlux.Commands.Infrastructure;

namespace FunnelFlux.Commands
{
    /// <summary>Disconnect-FFAccount: forgets the session, and the saved copy with -Scope CurrentUser.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "FFAccount", SupportsShouldProcess = true)]
    public sealed class DisconnectFFAccountCommand : FunnelFluxCmdlet
    {
        /// <summary>Process forgets the session in memory; CurrentUser also deletes the saved session file.</summary>
        [Parameter]
        public ContextScope Scope { get; set; } = ContextScope.Process;

        protected override void EndProcessing()
        {
            var current = ModuleSession.Current;
            if (ShouldProcess(current?.ApiUri.ToString() ?? "FunnelFlux", "Forget the FunnelFlux session in this process"))
            {
                // Clearing also stops this process from resuming a saved session later on.
                current?.ApiSession().StopSaving();
                ModuleSession.Clear();
                if (current != null)
                {
                    WriteVerbose($"Forgot the session for {current.ApiUri}.");
                }
            }
            if (Scope == ContextScope.CurrentUser)
            {
                var store = new FileSessionStore(FileSessionStore.DefaultPath());
                if (ShouldProcess(store.Location, "Delete the saved FunnelFlux session"))
                {
                    if (store.Delete())
                    {
                        WriteVerbose($"Deleted the saved session {store.Location}.");
                    }
                    else
                    {
                        WriteVerbose($"There was no saved session at {store.Location}.");
                    }
                    // A later command in this process must not resume a file that is gone.
                    ModuleSession.Clear();
                }
            }
        }
    }
}
