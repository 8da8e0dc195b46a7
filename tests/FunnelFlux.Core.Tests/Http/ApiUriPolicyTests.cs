using FunnelFlux.Http;

namespace FunnelFlux.Core.Tests.Http;

public class ApiUriPolicyTests
{
    [Theory]
    [InlineData("https://api.funnelflux.pro/v1")]
    [InlineData("http://127.0.0.1:5099/v1")]
    [InlineData("http://127.8.9.10/v1")]
    [InlineData("http://localhost:5099/v1")]
    [InlineData("http://[::1]:5099/v1")]
    public void AllowsHttpsAndLoopback(string uri) => ApiUriPolicy.EnsureAllowed(new Uri(uri));

    [Theory]
    [InlineData("http://api.funnelflux.pro/v1", "only sent over https")]
    [InlineData("http://192.168.1.10/v1", "only sent over https")]
    [InlineData("ftp://api.funnelflux.pro/v1", "only sent over https")]
    [InlineData("https://user:pw@api.funnelflux.pro/v1", "user info")]
    [InlineData("https://api.funnelflux.pro/v1?x=1", "query")]
    public void RefusesEverythingElse(string uri, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => ApiUriPolicy.EnsureAllowed(new Uri(uri)));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void UserAgentNamesTheModuleVersionAndHost()
    {
        var header = UserAgent.Build("PowerShell Core 7.6.9; Linux (Debian)");
        Assert.Matches(@"^FunnelFlux-PowerShell/\d+\.\d+\.\d+ \(PowerShell Core 7\.6\.9; Linux \[Debian\]\)$", header);
    }
}
