using System.Net;
using System.Net.Http;
using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Core.Tests.Http;

/// <summary>
/// One intent is one request on the wire: the requests the emulator receives equal the attempts
/// the module decided to make, and a delete or create is received once, even when the server acts
/// and then closes the connection without a byte of answer (which makes .NET's pool resend).
/// </summary>
public class WireCountTests
{
    private static readonly ApiRequest ListDomains = new(HttpMethod.Get, "billing/domains", RetrySafety.Idempotent);

    /// <summary>Connects and makes one request, so that the next one goes out on a kept-alive, pooled connection.</summary>
    private static async Task<ApiSession> ConnectWarmAsync(TestApi api, Action<ApiClientOptions>? configure = null, HttpMessageHandler? handler = null)
    {
        var session = await api.ConnectAsync(configure, handler: handler);
        Assert.Equal(200, (await session.SendAsync(ListDomains, api.Sink, default)).StatusCode);
        api.Server.ClearRequests();
        return session;
    }

    [Fact]
    public async Task WithoutTheModulesGuardDotNetSendsADeleteAgainAfterASilentClose()
    {
        // The control experiment: a plain pooled handler, as .NET ships it. It shows that the
        // emulator's close fault is what exposes the resend the guard below exists to stop.
        await using var api = await TestApi.StartAsync();
        using var session = await ConnectWarmAsync(api, handler: new SocketsHttpHandler { UseProxy = false });
        api.Server.AddDomain(api.Server.DemoAccount, "twice.example.com");
        api.Server.Faults.Add("DELETE", "/billing/domains/twice.example.com", Fault.Close() with { AfterAction = true });

        var response = await session.SendAsync(new ApiRequest(HttpMethod.Delete, "billing/domains/twice.example.com", RetrySafety.OnlyIfNotActedOn), api.Sink, default);

        Assert.Equal(2, api.Count("DELETE", "billing/domains/twice.example.com"));
        Assert.Equal(404, response.StatusCode); // the second DELETE finds it gone: the user would see NOT_FOUND
    }

    [Fact]
    public async Task ADeleteTheServerCarriedOutBeforeClosingSilentlyIsOnTheWireOnce()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await ConnectWarmAsync(api);
        api.Server.AddDomain(api.Server.DemoAccount, "once.example.com");
        api.Server.Faults.Add("DELETE", "/billing/domains/once.example.com", Fault.Close() with { AfterAction = true });

        string? message = await session.Domains.DeleteAsync("once.example.com", api.Sink);

        var delete = Assert.Single(api.Logged("DELETE", "billing/domains/once.example.com"));
        Assert.Equal(RequestOutcome.Closed, delete.Outcome);
        Assert.Contains("no longer has it", message);
        Assert.Equal(1, api.Count("GET", "billing/domains/once.example.com"));
        Assert.Empty(api.Server.DomainsOf(api.Server.DemoAccount));
    }

    [Fact]
    public async Task ACreateTheServerCarriedOutBeforeClosingSilentlyIsOnTheWireOnce()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await ConnectWarmAsync(api);
        api.Server.Faults.Add("POST", "/billing/domains", Fault.Close() with { AfterAction = true });

        var domain = await session.Domains.CreateAsync("made.example.com", api.Sink);

        Assert.Equal(1, api.Count("POST", "billing/domains"));
        Assert.Equal("made.example.com", domain.Name);
        Assert.Single(api.Server.DomainsOf(api.Server.DemoAccount));
    }

    [Fact]
    public async Task WhenEveryAnswerIsASilentCloseADeleteGoesOutOnceAndTheReadBackAsOftenAsTheModuleDecides()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await ConnectWarmAsync(api, o => o.MaxRetries = 4);
        api.Server.AddDomain(api.Server.DemoAccount, "closed.example.com");
        api.Server.Faults.Add(null, "/billing/domains*", Fault.Close() with { AfterAction = true }, times: 100);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.DeleteAsync("closed.example.com", api.Sink));

        Assert.Equal("OperationOutcomeUnknown", error.ErrorId);
        Assert.Equal(1, api.Count("DELETE", "billing/domains/closed.example.com"));
        // The read-back is a read: 1 attempt and 4 retries, each exactly one request.
        Assert.Equal(5, api.Count("GET", "billing/domains/closed.example.com"));
    }

    [Theory]
    [InlineData(0, 1, "(1 attempt)")]
    [InlineData(1, 2, "(2 attempts)")]
    [InlineData(4, 5, "(5 attempts)")]
    public async Task AReadClosedWithoutAnswerEveryTimeIsSentAsOftenAsTheErrorSays(int maxRetries, int expected, string attempts)
    {
        await using var api = await TestApi.StartAsync();
        using var session = await ConnectWarmAsync(api, o => o.MaxRetries = maxRetries);
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Close(), times: 100);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.SendAsync(ListDomains, api.Sink, default));

        Assert.Equal(expected, api.Count("GET", "billing/domains"));
        Assert.Contains(attempts, error.Message);
        Assert.Contains("closed before any answer", error.Message);
        Assert.Equal(FailureKind.Connection, error.Kind);
        // Each retry after a silent close waits the normal backoff.
        Assert.Equal(maxRetries, api.Time.Delays.Count);
    }

    [Fact]
    public async Task AReadClosedOnceIsRetriedWithTheNormalBackoff()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await ConnectWarmAsync(api, o => o.RetryBaseDelay = TimeSpan.FromSeconds(2));
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Close());

        var response = await session.SendAsync(ListDomains, api.Sink, default);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, api.Count("GET", "billing/domains"));
        Assert.InRange(Assert.Single(api.Time.Delays), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
    }
}
