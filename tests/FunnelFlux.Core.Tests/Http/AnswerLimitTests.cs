using System.Net;
using System.Net.Http;
using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Core.Tests.Http;

/// <summary>Answers are read within limits: a time limit that covers the body, and a size limit.</summary>
public class AnswerLimitTests
{
    private static readonly ApiRequest ListDomains = new(HttpMethod.Get, "billing/domains", RetrySafety.Idempotent);

    [Fact]
    public async Task ABodyThatArrivesTooSlowlyIsATimeoutNotANetworkError()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => { o.RequestTimeout = TimeSpan.FromSeconds(1); o.MaxRetries = 1; });
        api.Server.Faults.Add("GET", "/billing/domains", Fault.SlowBody(4, TimeSpan.FromMilliseconds(400)), times: 2);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.SendAsync(ListDomains, api.Sink, default));

        Assert.Equal("RequestTimedOut", error.ErrorId);
        Assert.Equal(FailureKind.Timeout, error.Kind);
        Assert.Contains("no answer within 1 s", error.Message);
        Assert.Equal(2, await api.CountSettledAsync("GET", "billing/domains", 2));
    }

    [Fact]
    public async Task ACreateWhoseBodyArrivesTooSlowlyIsReadBackNotRepeated()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(1));
        api.Server.Faults.Add("POST", "/billing/domains", Fault.SlowBody(4, TimeSpan.FromMilliseconds(400)));

        var domain = await session.Domains.CreateAsync("slow.example.com", api.Sink);

        Assert.Equal("slow.example.com", domain.Name);
        Assert.Equal(1, await api.CountSettledAsync("POST", "billing/domains", 1));
    }

    [Fact]
    public async Task AnAnswerOverTheLimitFailsClearlyAndIsNotRetried()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.MaxResponseBytes = 64 * 1024);
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Oversize(200 * 1024), times: 5);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.ListAsync(api.Sink));

        Assert.Equal("ResponseTooLarge", error.ErrorId);
        Assert.Equal(FailureKind.InvalidResult, error.Kind);
        Assert.Contains("64 KB", error.Message);
        Assert.Contains("200 KB", error.Message);
        Assert.Contains("-MaxResponseSizeMB", error.RecommendedAction);
        Assert.Equal(1, await api.CountSettledAsync("GET", "billing/domains", 1));
    }

    [Fact]
    public async Task AnAnswerJustUnderTheLimitIsRead()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync(o => o.MaxResponseBytes = 64 * 1024);
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Oversize(64 * 1024));

        var domains = await session.Domains.ListAsync(api.Sink);

        Assert.NotEmpty(domains);
    }

    [Fact]
    public void TheDefaultLimitIsAFewMegabytes() =>
        Assert.Equal(4 * 1024 * 1024, new ApiClientOptions().MaxResponseBytes);

    [Theory]
    [InlineData(0L)]
    [InlineData(1023L)]
    [InlineData(2L * 1024 * 1024 * 1024)]
    public void ALimitOutOfRangeIsRefused(long bytes) =>
        Assert.Throws<ArgumentException>(() => new ApiClientOptions { MaxResponseBytes = bytes }.Validate());
}
