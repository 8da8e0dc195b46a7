using System.Net.Http;
using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Core.Tests.Http;

/// <summary>The retry pipeline against scripted faults, counted from the emulator's request log.</summary>
public class RetryTests
{
    private static readonly ApiRequest ListDomains = new(HttpMethod.Get, "billing/domains", RetrySafety.Idempotent);

    private static ApiRequest CreateDomain(string name) =>
        new(HttpMethod.Post, "billing/domains", RetrySafety.OnlyIfNotActedOn, $"{{\"domain\":\"{name}\"}}");

    [Fact]
    public async Task RetryAfterInSecondsIsHonoured()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(429, "7"));

        var response = await session.SendAsync(ListDomains, api.Sink, default);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, api.Count("GET", "billing/domains"));
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(api.Time.Delays));
        Assert.Contains(api.Sink.Messages, m => m.Contains("429") && m.Contains("Retry-After"));
    }

    [Fact]
    public async Task RetryAfterAsAnHttpDateIsHonoured()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        var at = api.Time.GetUtcNow().AddSeconds(20);
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(429, at.ToString("R")));

        await session.SendAsync(ListDomains, api.Sink, default);

        var delay = Assert.Single(api.Time.Delays);
        Assert.InRange(delay, TimeSpan.FromSeconds(18), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task WithoutRetryAfterTheBackoffGrowsThenGivesUp()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => { o.MaxRetries = 3; o.RetryBaseDelay = TimeSpan.FromSeconds(2); });
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(429), times: 10);

        var response = await session.SendAsync(ListDomains, api.Sink, default);
        var error = ApiErrorTranslator.FromResponse(response, ListDomains, "Listing domains", null);

        Assert.Equal(4, api.Count("GET", "billing/domains"));
        Assert.Equal(FailureKind.RateLimited, error.Kind);
        Assert.Contains("after 4 attempts", error.Message);
        var delays = api.Time.Delays;
        Assert.Equal(3, delays.Count);
        for (int i = 0; i < delays.Count; i++)
        {
            var full = TimeSpan.FromSeconds(2 * Math.Pow(2, i));
            Assert.InRange(delays[i], full / 2, full);
        }
        Assert.True(delays[2] > delays[0]);
    }

    [Fact]
    public async Task TheTotalRetryTimeIsBounded()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => { o.MaxRetries = 10; o.MaxRetryDuration = TimeSpan.FromSeconds(25); });
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(429, "10"), times: 20);

        var response = await session.SendAsync(ListDomains, api.Sink, default);

        Assert.Equal(429, response.StatusCode);
        // Waits of 10 s each: a third would end past 25 s, so it stops after two retries.
        Assert.Equal(3, api.Count("GET", "billing/domains"));
        Assert.Contains(api.Sink.Messages, m => m.Contains("retry budget"));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task ServerErrorsAreRetriedForReads(int status)
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(status), times: 2);

        var response = await session.SendAsync(ListDomains, api.Sink, default);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(3, api.Count("GET", "billing/domains"));
    }

    [Fact]
    public async Task AnHtmlErrorPageBecomesAReadableError()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.MaxRetries = 1);
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Html(502), times: 5);

        var response = await session.SendAsync(ListDomains, api.Sink, default);
        var error = ApiErrorTranslator.FromResponse(response, ListDomains, "Listing domains", null);

        Assert.Equal(2, api.Count("GET", "billing/domains"));
        Assert.Equal(FailureKind.Connection, error.Kind);
        Assert.Equal("ServiceUnavailable", error.ErrorId);
        Assert.Contains("502", error.Message);
        Assert.Contains("not JSON", error.Message);
        Assert.DoesNotContain("<", error.Message);
    }

    [Fact]
    public async Task ADroppedConnectionIsRetriedForReads()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("GET", "/billing/domains", Fault.DropConnection());

        var response = await session.SendAsync(ListDomains, api.Sink, default);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, api.Count("GET", "billing/domains"));
    }

    [Fact]
    public async Task ASlowAnswerTimesOutAndIsRetriedForReads()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(1));
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Delay(TimeSpan.FromSeconds(5)));

        var response = await session.SendAsync(ListDomains, api.Sink, default);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, await api.CountSettledAsync("GET", "billing/domains", 2));
        Assert.Contains(api.Sink.Messages, m => m.Contains("no answer within 1 s"));
    }

    [Fact]
    public async Task ReadsThatNeverSucceedEndInATimeoutError()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => { o.RequestTimeout = TimeSpan.FromSeconds(1); o.MaxRetries = 1; });
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Delay(TimeSpan.FromSeconds(5)), times: 2);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.SendAsync(ListDomains, api.Sink, default));

        Assert.Equal(FailureKind.Timeout, error.Kind);
        Assert.Equal("RequestTimedOut", error.ErrorId);
        Assert.Equal(2, await api.CountSettledAsync("GET", "billing/domains", 2));
    }

    [Fact]
    public async Task ACreateIsNotRepeatedAfterAServerError()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("POST", "/billing/domains", Fault.Status(503), times: 3);

        var request = CreateDomain("a.example.com");
        var response = await session.SendAsync(request, api.Sink, default);
        var error = ApiErrorTranslator.FromResponse(response, request, "Adding a.example.com", "a.example.com");

        Assert.Equal(1, api.Count("POST", "billing/domains"));
        Assert.Equal(FailureKind.OutcomeUnknown, error.Kind);
        Assert.Contains("may have been carried out", error.Message);
    }

    [Fact]
    public async Task ACreateThatTimesOutAfterTheServerActedIsNotRepeated()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(1));
        api.Server.Faults.Add("POST", "/billing/domains", Fault.Delay(TimeSpan.FromSeconds(5)) with { AfterAction = true });

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.SendAsync(CreateDomain("b.example.com"), api.Sink, default));

        Assert.Equal(FailureKind.OutcomeUnknown, error.Kind);
        Assert.Equal("OperationOutcomeUnknown", error.ErrorId);
        Assert.Equal(1, await api.CountSettledAsync("POST", "billing/domains", 1));
        Assert.Single(api.Server.DomainsOf(api.Server.DemoAccount), d => d.Domain == "b.example.com");
    }

    [Fact]
    public async Task ACreateIsRepeatedAfterA429BecauseTheServerDidNotAct()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("POST", "/billing/domains", Fault.Status(429, "1"));

        var response = await session.SendAsync(CreateDomain("c.example.com"), api.Sink, default);

        Assert.True(response.IsSuccessStatus);
        Assert.Equal(2, api.Count("POST", "billing/domains"));
        Assert.Single(api.Server.DomainsOf(api.Server.DemoAccount));
    }

    [Fact]
    public async Task ARefusedConnectionIsRetriedEvenForACreate()
    {
        // Nothing listens on this port: the server cannot have acted, so repeating is safe.
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        var time = new VirtualTime();
        var sink = new RecordingSink();
        using var transport = new ApiTransport(new ApiClientOptions { ApiUri = new Uri($"http://127.0.0.1:{port}/v1"), MaxRetries = 2 }, null, time);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => transport.SendAsync(CreateDomain("d.example.com"), "t", sink, default));

        Assert.Equal(FailureKind.Connection, error.Kind);
        Assert.Equal("NetworkError", error.ErrorId);
        Assert.Equal(2, time.Delays.Count);
        Assert.Contains("3 attempts", error.Message);
    }

    [Fact]
    public async Task CancellationStopsAWaitingRequestPromptly()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(30));
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Delay(TimeSpan.FromSeconds(20)));
        api.Server.ResetConcurrency();
        using var cancel = new CancellationTokenSource();
        var call = session.SendAsync(ListDomains, api.Sink, cancel.Token);
        // Cancel once the server is holding the request, as Ctrl+C would during a slow answer.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (api.Server.MaxConcurrentRequests == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Equal(1, await api.CountSettledAsync("GET", "billing/domains", 1));
    }

    [Fact]
    public async Task SuccessFalseInA200IsAFailure()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("GET", "/billing/domains", Fault.SuccessFalse("LEDGER_UNAVAILABLE", "Ledger is down"));

        var response = await session.SendAsync(ListDomains, api.Sink, default);
        var envelope = ApiErrorTranslator.TryReadEnvelope(response);
        var error = ApiErrorTranslator.FromResponse(response, ListDomains, "Listing domains", null);

        Assert.True(ApiErrorTranslator.IsFailure(response, envelope));
        Assert.Equal(1, api.Count("GET", "billing/domains"));
        Assert.Equal("LEDGER_UNAVAILABLE", error.ErrorId);
        Assert.Contains("Ledger is down", error.Message);
    }
}
