using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Domains;
using FunnelFlux.Emulator;
using FunnelFlux.Errors;

namespace FunnelFlux.Core.Tests.Domains;

/// <summary>
/// A create or delete is on the wire once; when its answer is lost or unreadable, the domain is
/// read back, and the result says only what is known.
/// </summary>
public class LostAnswerTests
{
    [Fact]
    public async Task ACreateWhoseAnswerCannotBeReadIsReadBackNotReportedAsAFailure()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("POST", "/billing/domains", Fault.TruncatedJson());

        var domain = await session.Domains.CreateAsync("cut.example.com", api.Sink);

        Assert.Equal("cut.example.com", domain.Name);
        Assert.Equal(DomainsClient.ExistsAfterLostAnswer, domain.Message);
        Assert.Equal(1, api.Count("POST", "billing/domains"));
        Assert.Equal(1, api.Count("GET", "billing/domains/cut.example.com"));
        Assert.Single(api.Server.DomainsOf(api.Server.DemoAccount));
    }

    [Fact]
    public async Task ACreateOfADomainThatExistedWhoseAnswerIsLostIsNotReportedAsAdded()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.AddDomain(api.Server.DemoAccount, "there.example.com");
        api.Server.Faults.Add("POST", "/billing/domains", Fault.DropConnection() with { AfterAction = true });

        var domain = await session.Domains.CreateAsync("there.example.com", api.Sink);

        Assert.DoesNotContain("Added", domain.Message);
        Assert.Contains("has this domain now", domain.Message);
        Assert.Contains("not known", domain.Message);
        Assert.Equal(1, api.Count("POST", "billing/domains"));
    }

    [Fact]
    public async Task WhenTheCreatesAnswerAndTheReadBackBothFailTheErrorIsOperationOutcomeUnknown()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.MaxRetries = 1);
        api.Server.Faults.Add("POST", "/billing/domains", Fault.Status(503) with { AfterAction = true });
        api.Server.Faults.Add("GET", "/billing/domains/unsure.example.com", Fault.Status(503), times: 5);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.CreateAsync("unsure.example.com", api.Sink));

        Assert.Equal("OperationOutcomeUnknown", error.ErrorId);
        Assert.Equal(FailureKind.OutcomeUnknown, error.Kind);
        Assert.Equal("unsure.example.com", error.Target);
        Assert.Contains("Reading the domain back", error.Message);
        Assert.Contains("Get-FFDomain unsure.example.com", error.RecommendedAction);
        Assert.Equal(1, api.Count("POST", "billing/domains"));
    }

    [Fact]
    public async Task WhenTheDeletesAnswerAndTheReadBackBothFailTheErrorIsOperationOutcomeUnknown()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.MaxRetries = 1);
        api.Server.AddDomain(api.Server.DemoAccount, "unsure.example.com");
        api.Server.Faults.Add("DELETE", "/billing/domains/unsure.example.com", Fault.Status(502) with { AfterAction = true });
        api.Server.Faults.Add("GET", "/billing/domains/unsure.example.com", Fault.Html(502), times: 5);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.DeleteAsync("unsure.example.com", api.Sink));

        Assert.Equal("OperationOutcomeUnknown", error.ErrorId);
        Assert.Equal(1, api.Count("DELETE", "billing/domains/unsure.example.com"));
    }

    [Fact]
    public async Task ADeleteWhoseAnswerCannotBeReadIsReadBack()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.AddDomain(api.Server.DemoAccount, "gone.example.com");
        api.Server.Faults.Add("DELETE", "/billing/domains/gone.example.com", Fault.TruncatedJson());

        string? message = await session.Domains.DeleteAsync("gone.example.com", api.Sink);

        Assert.Contains("no longer has it", message);
        Assert.Equal(1, api.Count("DELETE", "billing/domains/gone.example.com"));
        Assert.Empty(api.Server.DomainsOf(api.Server.DemoAccount));
    }
}
