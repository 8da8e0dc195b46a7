// The pipeline limit for New-FFAssetId: a trivial compiled cmdlet that writes ready-made strings,
// one WriteObject per string, from EndProcessing as New-FFAssetId does. The end-to-end script
// compiles it with Add-Type; it is not part of the harness assembly. With -Fresh it writes as many
// newly made strings of the same length instead (copies of one, so that no ready-made string is
// read): what writing that many strings costs when each is new, as every generated ID is, and the
// collected output keeps them alive (informational, not a key).
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
                char[] template = (s_ready.Length > 0 ? s_ready[0] : string.Empty).ToCharArray();
                for (int i = 0; i < s_ready.Length; i++)
                {
                    WriteObject(new string(template));
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
