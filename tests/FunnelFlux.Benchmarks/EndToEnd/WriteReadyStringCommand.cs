// The pipeline limit for New-FFAssetId: a trivial compiled cmdlet that writes ready-made strings,
// one WriteObject per string, from EndProcessing as New-FFAssetId does. The end-to-end script
// compiles it with Add-Type; it is not part of the harness assembly. With -Fresh it writes a new
// copy of each string instead: what writing that many strings costs when each is newly made, as
// every generated ID is, and kept alive by the collected output (informational, not a key).
using System;
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

        [Parameter]
        public SwitchParameter Fresh { get; set; }

        protected override void EndProcessing()
        {
            if (Fresh)
            {
                foreach (string text in s_ready)
                {
                    WriteObject(new string(text.AsSpan()));
                }
                return;
            }
            foreach (string text in s_ready)
            {
                WriteObject(text);
            }
        }
    }
}
