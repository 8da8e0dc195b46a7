// The answering floor for a piped Test-FFAssetId: a trivial compiled cmdlet that takes each piped
// item on one plain parameter (a PSObject, so the binder converts nothing) and writes a new
// boolean for it, checking nothing. Every cmdlet that answers each piped item once pays at least
// this: PowerShell binds every item and carries every answer. Test-FFAssetId -Id pays only the
// answers, so this cmdlet's time over -Id's is the least a piped Test-FFAssetId could cost over
// it. The end-to-end script compiles it with Add-Type; informational, not one of the keys.
using System.Management.Automation;

namespace FunnelFlux.Benchmarks.EndToEnd
{
    [Cmdlet(VerbsDiagnostic.Test, "PipedItem")]
    [OutputType(typeof(bool))]
    public sealed class TestPipedItemCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject InputObject { get; set; }

        protected override void ProcessRecord()
        {
            WriteObject(InputObject?.BaseObject is string);
        }
    }
}
