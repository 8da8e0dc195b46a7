using System.Diagnostics;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

public sealed class LatencyTests : EmulatorTest
{
    protected override EmulatorOptions CreateOptions() => new() { Latency = TimeSpan.FromMilliseconds(150) };

    [Theory]
    [InlineData("/billing/domains")]
    [InlineData("/auth/validate")]
    [InlineData("/no/such/route")]
    public async Task EveryApiRequestWaitsAtLeastTheLatency(string path)
    {
        var watch = Stopwatch.StartNew();
        await PostAsync(path, DemoToken);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(140), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task RequestsOverlapDuringTheLatency()
    {
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => GetAsync("/billing/domains", DemoToken)));

        Assert.InRange(Server.MaxConcurrentRequests, 2, 3);
    }

    [Fact]
    public async Task AClientThatGivesUpDuringTheLatencyIsRecordedAsAbandoned()
    {
        Server.Options.Latency = TimeSpan.FromSeconds(30);
        using var giveUp = new CancellationTokenSource();
        Task<HttpResponseMessage> call = Http.SendAsync(Request(HttpMethod.Post, "/billing/domains", DemoToken, "{\"domain\":\"a.example.com\"}"), giveUp.Token);
        await WaitForAsync(() => Server.InFlightRequests == 1);

        giveUp.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await WaitForAsync(() => Server.Requests.Count == 1);
        Assert.Equal(RequestOutcome.Abandoned, Server.Requests[0].Outcome);
        Assert.Empty(Server.DomainsOf(Server.DemoAccount));
    }
}
