using System.Net.Http;
using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Core.Tests.Http;

/// <summary>
/// HTTP 429: the wait the server asks for is never shortened (beyond the cap the call ends at once,
/// saying when to try again), and it holds back every request of the session, not just the one told.
/// </summary>
public class RateLimitTests
{
    private static readonly ApiRequest ListDomains = new(HttpMethod.Get, "billing/domains", RetrySafety.Idempotent);

    private static ApiRequest Details(string name) => new(HttpMethod.Get, "billing/domains/" + name, RetrySafety.Idempotent);

    [Fact]
    public async Task ARetryAfterBeyondTheCapFailsAtOnceSayingWhenToTryAgain()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.MaxRetryDelay = TimeSpan.FromSeconds(60));
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(429, "3600"), times: 5);
        var retryAt = api.Time.GetUtcNow().AddSeconds(3600);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.ListAsync(api.Sink));

        // Asked once, and not again early: no wait was made at all.
        Assert.Equal(1, api.Count("GET", "billing/domains"));
        Assert.Empty(api.Time.Delays);
        Assert.Equal(FailureKind.RateLimited, error.Kind);
        Assert.Equal(429, error.StatusCode);
        Assert.Contains("3600 s", error.Message);
        Assert.Contains(InvariantText.UtcSeconds(retryAt), error.Message);
        Assert.StartsWith("Wait until " + InvariantText.UtcSeconds(retryAt), error.RecommendedAction);
    }

    [Fact]
    public async Task ARetryAfterLongerThanWhatIsLeftOfTheBudgetFailsAtOnce()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => { o.MaxRetryDelay = TimeSpan.FromSeconds(60); o.MaxRetryDuration = TimeSpan.FromSeconds(40); });
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(429, "45"), times: 5);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.ListAsync(api.Sink));

        Assert.Equal(1, api.Count("GET", "billing/domains"));
        Assert.Empty(api.Time.Delays);
        Assert.Equal(FailureKind.RateLimited, error.Kind);
        Assert.Contains(api.Sink.Messages, m => m.Contains("retry budget"));
    }

    [Fact]
    public async Task A429HoldsBackTheOtherRequestsOfTheSessionUntilTheServersTime()
    {
        var time = new HeldTime();
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(time: time);
        api.Server.AddDomain(api.Server.DemoAccount, "held.example.com");
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(429, "20"));

        var list = Task.Run(() => session.SendAsync(ListDomains, api.Sink, default));
        await time.UntilWaitingAsync(1); // the list waits out its Retry-After
        var details = Task.Run(() => session.SendAsync(Details("held.example.com"), api.Sink, default));
        await time.UntilWaitingAsync(2); // and so does a request that was never told

        Assert.Equal(1, api.Count("GET", "billing/domains"));
        Assert.Equal(0, api.Count("GET", "billing/domains/held.example.com"));

        time.Advance(TimeSpan.FromSeconds(20));
        var responses = await Task.WhenAll(list, details);

        Assert.All(responses, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(2, api.Count("GET", "billing/domains"));
        var sent = Assert.Single(api.Logged("GET", "billing/domains/held.example.com"));
        Assert.Equal(200, sent.StatusCode);
        Assert.Contains(api.Sink.Messages, m => m.Contains("held.example.com") && m.Contains("back off until"));
    }

    [Fact]
    public async Task AfterAWaitBeyondTheCapTheSessionsOtherRequestsAreNotSentEither()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.MaxRetryDelay = TimeSpan.FromSeconds(60));
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(429, "600"));
        var retryAt = api.Time.GetUtcNow().AddSeconds(600);
        await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.ListAsync(api.Sink));

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.GetAsync("other.example.com", api.Sink));

        Assert.Equal(0, api.Count("GET", "billing/domains/other.example.com"));
        Assert.Equal(FailureKind.RateLimited, error.Kind);
        Assert.Equal("RateLimited", error.ErrorId);
        Assert.Contains("was not sent", error.Message);
        Assert.Contains(InvariantText.UtcSeconds(retryAt), error.Message);
        Assert.Contains(InvariantText.UtcSeconds(retryAt), error.RecommendedAction);
    }

    [Fact]
    public async Task WithMaxRetriesZeroA429IsOneRequestAndSaysWhenToTryAgain()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.MaxRetries = 0);
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(429, "30"));
        var retryAt = api.Time.GetUtcNow().AddSeconds(30);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.ListAsync(api.Sink));

        Assert.Equal(1, api.Count("GET", "billing/domains"));
        Assert.DoesNotContain("attempts", error.Message);
        Assert.Contains(InvariantText.UtcSeconds(retryAt), error.Message);
    }
}
