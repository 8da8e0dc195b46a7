// The per-call floor of any compiled cmdlet: one that only does the raw HttpClient GET the
// per-call baseline does, blocking on it as a synchronous cmdlet must, and writes the text. Its
// time over the raw loop's is what PowerShell charges a cmdlet that waits on the network, before
// any of FunnelFlux's own work. Informational: it is not one of the keys.
using System.Management.Automation;
using System.Net.Http;

namespace FunnelFlux.Benchmarks.EndToEnd
{
    [Cmdlet(VerbsLifecycle.Invoke, "RawGet")]
    [OutputType(typeof(string))]
    public sealed class InvokeRawGetCommand : PSCmdlet
    {
        [Parameter(Mandatory = true)]
        public HttpClient Client { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 0)]
        public string Uri { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            WriteObject(Client.GetStringAsync(Uri).GetAwaiter().GetResult());
        }
    }
}
