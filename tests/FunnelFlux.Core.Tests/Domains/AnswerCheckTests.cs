using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Errors;

namespace FunnelFlux.Core.Tests.Domains;

/// <summary>Every answer is checked before it is believed: shape, and which domain it is about.</summary>
public class AnswerCheckTests
{
    private static Fault Ok(string body) => Fault.Status(200, body: body);

    private static string DomainBody(string name) =>
        $$$"""{"success":true,"domain":{"id":"d-1","domain":"{{{name}}}","status":"active","ssl":{"status":"active"}},"check":{"success":true,"found":true,"ssl_valid":true}}""";

    [Theory]
    [InlineData("""{"success":true}""")]
    [InlineData("""{"success":true,"domains":null}""")]
    public async Task AListAnswerWithoutAListIsAnInvalidResultNotAnEmptyAccount(string body)
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("GET", "/billing/domains", Ok(body));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.ListAsync(api.Sink));

        Assert.Equal(FailureKind.InvalidResult, error.Kind);
        Assert.Equal("InvalidResponse", error.ErrorId);
        Assert.Contains("no \"domains\" list", error.Message);
    }

    [Fact]
    public async Task AListEntryWithoutANameIsAnInvalidResult()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("GET", "/billing/domains", Ok("""{"success":true,"domains":[{"domain":"a.example.com"},{"status":"active"}]}"""));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.ListAsync(api.Sink));

        Assert.Equal(FailureKind.InvalidResult, error.Kind);
        Assert.Contains("no domain name", error.Message);
    }

    [Fact]
    public async Task AnEmptyListIsAnEmptyAccount()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();

        Assert.Empty(await session.Domains.ListAsync(api.Sink));
    }

    [Fact]
    public async Task DetailsAboutAnotherDomainAreAnInvalidResult()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.AddDomain(api.Server.DemoAccount, "asked.example.com");
        api.Server.Faults.Add("GET", "/billing/domains/asked.example.com", Ok(DomainBody("other.example.com")));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.GetAsync("asked.example.com", api.Sink));

        Assert.Equal(FailureKind.InvalidResult, error.Kind);
        Assert.Equal("asked.example.com", error.Target);
        Assert.Contains("'other.example.com', not asked.example.com", error.Message);
    }

    [Fact]
    public async Task ARefreshAboutAnotherDomainIsAnInvalidResult()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.AddDomain(api.Server.DemoAccount, "asked.example.com");
        api.Server.Faults.Add("POST", "/billing/domains/asked.example.com/refresh", Ok(DomainBody("other.example.com")));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.RefreshAsync("asked.example.com", api.Sink));

        Assert.Equal(FailureKind.InvalidResult, error.Kind);
        Assert.Contains("not asked.example.com", error.Message);
    }

    [Fact]
    public async Task ACreateAnswerAboutAnotherDomainIsAnInvalidResultAndSaysHowToCheck()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("POST", "/billing/domains", Ok(DomainBody("other.example.com")));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.CreateAsync("asked.example.com", api.Sink));

        Assert.Equal(FailureKind.InvalidResult, error.Kind);
        Assert.Contains("not asked.example.com", error.Message);
        Assert.Contains("Get-FFDomain asked.example.com", error.RecommendedAction);
        Assert.Equal(1, api.Count("POST", "billing/domains"));
    }

    [Fact]
    public async Task AnAnswerInTheUnicodeFormOfTheSameNameIsBelieved()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("GET", "/billing/domains/xn--bcher-kva.example", Ok(DomainBody("Bücher.example")));

        var domain = await session.Domains.GetAsync("bücher.example", api.Sink);

        Assert.Equal("Bücher.example", domain.Name);
    }

    [Fact]
    public async Task A403IsAboutApiAccessNotAnotherAccount()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Error(403, "FORBIDDEN", "API access is not enabled"));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.ListAsync(api.Sink));

        Assert.Equal(FailureKind.PermissionDenied, error.Kind);
        Assert.Contains("API access", error.RecommendedAction);
        Assert.Contains("Settings > API Access", error.RecommendedAction);
        Assert.DoesNotContain("another", error.RecommendedAction);
    }

    [Fact]
    public async Task ADomainOwnedByAnotherAccountKeepsItsOwnAdvice()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        var other = api.Server.CreateAccount("other");
        api.Server.AddDomain(other, "taken.example.com");

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.CreateAsync("taken.example.com", api.Sink));

        Assert.Equal("DOMAIN_ALREADY_OWNED", error.ErrorId);
        Assert.Contains("taken.example.com is registered to another FunnelFlux account", error.RecommendedAction);
    }
}
