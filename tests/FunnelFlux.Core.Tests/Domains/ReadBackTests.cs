using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Errors;

namespace FunnelFlux.Core.Tests.Domains;

/// <summary>
/// What a create or delete reports after its answer was lost and the domain was read back: only
/// what the read-back proves, with the server's own reason when it gave one.
/// </summary>
public sealed class ReadBackTests
{
    [Fact]
    public async Task ACreateWithNoAnswerInTimeIsUnknownEvenIfTheDomainIsNotThereYet()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(1));
        // The server is still working on it when the client gives up and reads back.
        api.Server.Faults.Add("POST", "/billing/domains", Fault.Delay(TimeSpan.FromSeconds(4)));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.CreateAsync("late.example.com", api.Sink));

        Assert.Equal("OperationOutcomeUnknown", error.ErrorId);
        Assert.Equal(FailureKind.OutcomeUnknown, error.Kind);
        Assert.StartsWith("Adding late.example.com: the outcome is unknown. No answer within 1 s, and reading the domain back right after found it not there yet", error.Message);
        Assert.Contains("may still be adding it", error.Message);
        Assert.DoesNotContain("safe to run", error.RecommendedAction);
        Assert.Contains("Wait a minute, then run Get-FFDomain late.example.com", error.RecommendedAction);
        Assert.Equal(1, await api.CountSettledAsync("POST", "billing/domains", 1));
    }

    [Fact]
    public async Task ADeleteWithNoAnswerInTimeIsUnknownEvenIfTheDomainIsStillThere()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(1));
        api.Server.AddDomain(api.Server.DemoAccount, "going.example.com");
        api.Server.Faults.Add("DELETE", "/billing/domains/going.example.com", Fault.Delay(TimeSpan.FromSeconds(4)));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.DeleteAsync("going.example.com", api.Sink));

        Assert.Equal("OperationOutcomeUnknown", error.ErrorId);
        Assert.Contains("found it still there, but FunnelFlux may still be removing it", error.Message);
        Assert.Contains("run Remove-FFDomain going.example.com again only if it is still there", error.RecommendedAction);
        Assert.Equal(1, await api.CountSettledAsync("DELETE", "billing/domains/going.example.com", 1));
    }

    [Fact]
    public async Task AGatewayTimeoutIsUnknownToo()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("POST", "/billing/domains", Fault.Status(504));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.CreateAsync("gw.example.com", api.Sink));

        Assert.Equal("OperationOutcomeUnknown", error.ErrorId);
        Assert.Contains("FunnelFlux answered 504", error.Message);
        Assert.Equal(1, api.Count("POST", "billing/domains"));
    }

    [Fact]
    public async Task AServerErrorWithAReasonKeepsTheReasonAfterTheReadBack()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("POST", "/billing/domains", Fault.Error(503, "CLOUDFLARE_UNAVAILABLE", "Cloudflare is down; try again after 21:00 UTC"));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.CreateAsync("cf.example.com", api.Sink));

        Assert.Equal("DomainNotAdded", error.ErrorId);
        Assert.Equal("CLOUDFLARE_UNAVAILABLE", error.ApiErrorCode);
        Assert.Equal(
            "Adding cf.example.com failed: FunnelFlux answered 503 Service Unavailable: Cloudflare is down; try again after 21:00 UTC (CLOUDFLARE_UNAVAILABLE). " +
            "Reading the domain back shows FunnelFlux did not add it.", error.Message);
        Assert.Equal("Nothing was added, so it is safe to run New-FFDomain cf.example.com again, once the reason FunnelFlux gave is dealt with.", error.RecommendedAction);
        Assert.Equal(1, api.Count("POST", "billing/domains"));
    }

    [Fact]
    public async Task AClosedConnectionSaysSoAndThatNothingWasRemoved()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.MaxRetries = 0);
        api.Server.AddDomain(api.Server.DemoAccount, "kept.example.com");
        api.Server.Faults.Add("DELETE", "/billing/domains/kept.example.com", Fault.Close());

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.DeleteAsync("kept.example.com", api.Sink));

        Assert.Equal("DomainNotRemoved", error.ErrorId);
        Assert.StartsWith("Removing kept.example.com failed: the answer was lost (the connection was closed", error.Message);
        Assert.EndsWith("Reading the domain back shows it still exists.", error.Message);
        Assert.Equal("Nothing was removed, so it is safe to run Remove-FFDomain kept.example.com again.", error.RecommendedAction);
        Assert.Equal(1, api.Count("DELETE", "billing/domains/kept.example.com"));
    }
}
