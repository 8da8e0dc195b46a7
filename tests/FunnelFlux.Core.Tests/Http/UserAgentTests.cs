using System.Text.RegularExpressions;
using FunnelFlux.Core.Tests.Support;

namespace FunnelFlux.Core.Tests.Http;

public class UserAgentTests
{
    private sealed class HeaderRecorder : DelegatingHandler
    {
        public HeaderRecorder() : base(new HttpClientHandler { UseProxy = false }) { }

        public List<string> UserAgents { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (UserAgents) UserAgents.Add(string.Join(" ", request.Headers.GetValues("User-Agent")));
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task EveryRequestNamesTheModuleVersionFromTheManifestAndTheHost()
    {
        await using var api = await TestApi.StartAsync();
        var recorder = new HeaderRecorder();
        using var session = await api.ConnectAsync(o => o.UserAgentComment = "PowerShell Core 7.6.9; Linux 6.1", handler: recorder);

        await session.Domains.ListAsync(api.Sink);

        string manifest = File.ReadAllText(Path.Combine(RepoRoot(), "FunnelFlux.psd1"));
        string version = Regex.Match(manifest, @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
        Assert.Equal(2, recorder.UserAgents.Count);
        Assert.All(recorder.UserAgents, ua => Assert.Equal($"FunnelFlux-PowerShell/{version} (PowerShell Core 7.6.9; Linux 6.1)", ua));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FunnelFlux.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }
}
