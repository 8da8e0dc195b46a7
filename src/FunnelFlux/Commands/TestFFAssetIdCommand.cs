using System.Management.Automation;
using FunnelFlux.Ids;

namespace FunnelFlux.Commands
{
    /// <summary>Test-FFAssetId: tells whether strings are valid FunnelFlux asset IDs.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "FFAssetId")]
    [OutputType(typeof(bool))]
    [OutputType(typeof(AssetIdInfo))]
    public sealed class TestFFAssetIdCommand : PSCmdlet
    {
        /// <summary>The strings to test.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string?[] Id { get; set; } = new string?[0];

        /// <summary>Return an object with the decoded time or the reason instead of a boolean.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessRecord()
        {
            // A bare $null piped in binds as a null array: treat it as one null ID, not as nothing.
            foreach (string? id in Id ?? new string?[] { null })
            {
                AssetIdInfo info = AssetIdValidator.Inspect(id);
                if (Detailed)
                {
                    WriteObject(info);
                }
                else
                {
                    WriteObject(info.IsValid);
                }
            }
        }
    }
}
