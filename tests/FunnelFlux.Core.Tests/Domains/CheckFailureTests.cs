using System.Text.RegularExpressions;
using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Errors;

namespace FunnelFlux.Core.Tests.Domains;

/// <summary>
/// The check's address is the same for every domain (the name is in the body), so its failures
/// must name the domain themselves: over 200 piped domains, "POST .../domains/check failed" is no answer.
/// </summary>
public class CheckFailureTests
{
    [Fact]
    public async Task ACheckThatTheNetworkBrokeNamesItsDomainAndKeepsTheAddress()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.MaxRetries = 0);
        api.Server.AddDomain(api.Server.DemoAccount, "checked.example.com");
        api.Server.Faults.Add("POST", "/billing/domains/check", Fault.Close());

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.CheckAsync("checked.example.com", api.Sink));

        Assert.Equal("NetworkError", error.ErrorId);
        Assert.StartsWith("Checking checked.example.com: POST ", error.Message);
        Assert.Contains("/billing/domains/check failed: the connection was closed before any answer came (1 attempt).", error.Message);
        Assert.Equal("checked.example.com", error.Target);
        Assert.Equal(1, api.Count("POST", "billing/domains/check"));
    }

    [Fact]
    public async Task ACheckThatFunnelFluxRefusedIsNamedOnce()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.MaxRetries = 0);
        api.Server.Faults.Add("POST", "/billing/domains/check", Fault.Error(400, "INVALID_DOMAIN", "bad"));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.CheckAsync("refused.example.com", api.Sink));

        Assert.StartsWith("Checking refused.example.com failed", error.Message);
        Assert.Single(Regex.Matches(error.Message, "refused\\.example\\.com"));
    }

    [Fact]
    public async Task AnAnswerCutShortIsToldApartFromNoAnswerAtAll()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.MaxRetries = 0);
        api.Server.Faults.Add("POST", "/billing/domains/check", Fault.DropConnection());

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.CheckAsync("cut.example.com", api.Sink));

        Assert.Contains("the connection was closed before the answer was complete", error.Message);
    }
}
