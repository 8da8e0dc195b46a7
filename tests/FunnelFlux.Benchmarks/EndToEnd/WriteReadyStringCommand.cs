// The pipeline limit for New-FFAssetId: a trivial compiled cmdlet that writes ready-made strings,
// one WriteObject per string, from EndProcessing as New-FFAssetId does. The end-to-end script
// compiles it with Add-Type; it is not part of the harness assembly.
using System.Management.Automation;

namespace FunnelFlux.Benchmarks.EndToEnd
{
    [Cmdlet(VerbsCommunications.Write, "ReadyString")]
    [OutputType(typeof(string))]
    public sealed class WriteReadyStringCommand : PSCmdlet
    {
        private static string[] s_ready = new string[0];

        /// <summary>Keeps <paramref name="strings"/> to be written by every later call.</summary>
        public static void Prepare(string[] strings)
        {
            s_ready = strings;
        }

        protected override void EndProcessing()
        {
            foreach (string text in s_ready)
            {
                WriteObject(text);
            }
        }
    }
}
