using System;
using System.Management.Automation;
using FunnelFlux.Commands.Infrastructure;

namespace FunnelFlux.Commands
{
    /// <summary>Get-FFContext: shows the current session (never its tokens).</summary>
    [Cmdlet(VerbsCommon.Get, "FFContext")]
    [OutputType(typeof(Context))]
    public sealed class GetFFContextCommand : FunnelFluxCmdlet
    {
        protected override void EndProcessing()
        {
            Context? context;
            try
            {
                context = ModuleSession.GetOrResume(UserAgentComment);
            }
            catch (InvalidOperationException e)
            {
                ThrowTerminatingError(SavedSessionUnreadable(e));
                return;
            }
            if (context == null)
            {
                WriteVerbose("Not connected. Run Connect-FFAccount to start a session.");
                return;
            }
            WriteObject(context);
        }
    }
}
