using System;
using System.Management.Automation;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>An API cmdlet: works on the current session, or on the one given with -Context.</summary>
    public abstract class FunnelFluxApiCmdlet : FunnelFluxCmdlet
    {
        /// <summary>The session to use (from Get-FFContext or Connect-FFAccount -PassThru); defaults to the current one.</summary>
        [Parameter]
        [ValidateNotNull]
        public Context? Context { get; set; }

        /// <summary>The session to use; a terminating NotConnected error when there is none.</summary>
        internal ApiSession ResolveSession()
        {
            if (Context != null)
            {
                return Context.ApiSession();
            }
            Context? current;
            try
            {
                current = ModuleSession.GetOrResume(UserAgentComment);
            }
            catch (InvalidOperationException e)
            {
                ThrowTerminatingError(SavedSessionUnreadable(e));
                throw; // not reached
            }
            if (current == null)
            {
                ThrowTerminatingError(ErrorRecords.NotConnected());
            }
            return current!.ApiSession();
        }
    }
}
