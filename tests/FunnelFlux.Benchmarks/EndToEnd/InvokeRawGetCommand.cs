// The per-call floor of any compiled cmdlet: one that only does the raw HttpClient GET the
// per-call baseline does, blocking on it, and writes the text. Its
// time over the raw loop's is what PowerShell charges a cmdlet that waits on the network, before
// any of FunnelFlux's own work. With -Synchronous it makes the same GET with HttpClient.Send on
// the pipeline thread, so no pool thread and no wait handle is involved: whether blocking on an
// asynchronous GET is what a cmdlet's call costs. Informational: neither is one of the keys.
using System.IO;
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

        [Parameter]
        public SwitchParameter Synchronous { get; set; }

        protected override void ProcessRecord()
        {
            if (!Synchronous)
            {
                WriteObject(Client.GetStringAsync(Uri).GetAwaiter().GetResult());
                return;
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, Uri);
            using HttpResponseMessage response = Client.Send(request, HttpCompletionOption.ResponseContentRead);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(response.Content.ReadAsStream());
            WriteObject(reader.ReadToEnd());
        }
    }
}
