using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

public sealed class ActivationTests : EmulatorTest
{
    private Task<ApiCall> RefreshAsync() => PostAsync("/billing/domains/track.example.com/refresh", DemoToken);

    [Fact]
    public async Task DomainBecomesActiveOnTheNthRefresh()
    {
        await CreateDomainAsync("track.example.com");

        for (int i = 1; i < Server.Options.RefreshesUntilActive; i++)
        {
            ApiCall pending = await RefreshAsync();
            Assert.Equal("pending", pending.Json.GetProperty("domain").GetProperty("status").GetString());
            Assert.False(pending.Json.GetProperty("check").GetProperty("found").GetBoolean());
        }

        ApiCall call = await RefreshAsync();

        var domain = call.Json.GetProperty("domain");
        Assert.Equal("active", domain.GetProperty("status").GetString());
        Assert.Equal("active", domain.GetProperty("ssl").GetProperty("status").GetString());
        Assert.Equal(0, domain.GetProperty("verification_errors").GetArrayLength());
        Assert.True(call.Json.GetProperty("check").GetProperty("found").GetBoolean());
        Assert.True(call.Json.GetProperty("check").GetProperty("ssl_valid").GetBoolean());
        EmulatedDomain state = Assert.Single(Server.DomainsOf(Server.DemoAccount));
        Assert.Equal("active", state.Status);
        Assert.Equal("active", state.SslStatus);
        Assert.Equal(3, state.RefreshCount);
    }

    [Fact]
    public async Task RefreshCountActivationCanBeChanged()
    {
        Server.Options.RefreshesUntilActive = 1;
        await CreateDomainAsync("track.example.com");

        Assert.Equal("active", (await RefreshAsync()).Json.GetProperty("domain").GetProperty("status").GetString());
    }

    [Fact]
    public async Task DomainBecomesActiveAfterClockTime()
    {
        Server.Options.RefreshesUntilActive = 0;
        Server.Options.TimeUntilActive = TimeSpan.FromMinutes(10);
        await CreateDomainAsync("track.example.com");

        Server.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("pending", (await RefreshAsync()).Json.GetProperty("domain").GetProperty("status").GetString());

        Server.Clock.Advance(TimeSpan.FromMinutes(1));
        ApiCall get = await GetAsync("/billing/domains/track.example.com", DemoToken);
        Assert.Equal("active", get.Json.GetProperty("domain").GetProperty("status").GetString());
    }
}
