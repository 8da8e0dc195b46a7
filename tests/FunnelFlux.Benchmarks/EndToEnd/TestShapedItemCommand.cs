// Test-FFAssetId's parameters on a trivial compiled cmdlet: the same names, types, parameter sets
// and pipeline bindings, and a body that writes a new boolean for each ID, checking nothing. Its
// time over the answering floor (Test-PipedItem) is what those parameters cost a piped item (the
// binder binds it to -InputObject and weighs the parameter sets it belongs to);
// Test-FFAssetId's time over this one is its own work. EndToEnd.ps1 compares the two commands'
// parameter metadata before timing and stops if they have drifted apart. Informational only.
using System.Management.Automation;

namespace FunnelFlux.Benchmarks.EndToEnd
{
    [Cmdlet(VerbsDiagnostic.Test, "ShapedItem", DefaultParameterSetName = "Id")]
    [OutputType(typeof(bool))]
    public sealed class TestShapedItemCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Id")]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string[] Id { get; set; } = new string[0];

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Pipeline")]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Property")]
        [AllowNull]
        public object InputObject { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Property")]
        [ValidateNotNullOrEmpty]
        public string[] Property { get; set; } = new string[0];

        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == "Pipeline")
            {
                WriteObject((InputObject is PSObject wrapped ? wrapped.BaseObject : InputObject) is string);
                return;
            }
            if (Id == null)
            {
                WriteObject(false);
                return;
            }
            foreach (string id in Id)
            {
                WriteObject(id != null);
            }
        }
    }
}
