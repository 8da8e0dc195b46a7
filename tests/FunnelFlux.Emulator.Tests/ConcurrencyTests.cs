using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

public sealed class ConcurrencyTests : EmulatorTest
{
    [Fact]
    public async Task SerialRequestsNeverOverlap()
    {
        for (int i = 0; i < 5; i++)
        {
            await GetAsync("/billing/domains", DemoToken);
        }

        Assert.Equal(1, Server.MaxConcurrentRequests);
    }

    [Fact]
    public async Task ParallelRequestsAreCountedAndResetClearsTheMaximum()
    {
        Server.Options.RequestDelay = TimeSpan.FromMilliseconds(80);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => GetAsync("/billing/domains", DemoToken)));

        Assert.InRange(Server.MaxConcurrentRequests, 2, 4);

        Server.ResetConcurrency();
        Assert.Equal(0, Server.MaxConcurrentRequests);
        Server.Options.RequestDelay = TimeSpan.Zero;
        await GetAsync("/billing/domains", DemoToken);
        Assert.Equal(1, Server.MaxConcurrentRequests);
    }

    [Fact]
    public async Task ConcurrentCreatesKeepStateConsistent()
    {
        ApiCall[] calls = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CreateDomainAsync($"d{i % 4}.example.com")));

        Assert.Equal(4, calls.Count(c => c.Status == 200));
        Assert.Equal(4, calls.Count(c => c.Status == 409));
        Assert.Equal(4, Server.DomainsOf(Server.DemoAccount).Count);
        Assert.Equal(8, Server.Requests.Count);
    }

    [Fact]
    public async Task DisposingDoesNotWaitForLongDelays()
    {
        Server.Faults.Add(null, "/billing/domains", Fault.Delay(TimeSpan.FromMinutes(5)));
        Task<HttpResponseMessage> pending = Http.SendAsync(Request(HttpMethod.Get, "/billing/domains", DemoToken));
        await Task.Delay(30);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Server.DisposeAsync();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), watch.Elapsed.ToString());
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
    }
}
