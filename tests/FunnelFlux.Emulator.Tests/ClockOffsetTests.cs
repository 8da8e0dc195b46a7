using System.Text.Json;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

/// <summary>
/// ClockOffset: the server's clock is Clock + ClockOffset for everything it stamps or judges, while
/// the request log keeps the test's clock.
/// </summary>
public sealed class ClockOffsetTests : EmulatorTest
{
    protected override EmulatorOptions CreateOptions() => new() { AccessTokenLifetime = TimeSpan.FromHours(1) };

    [Fact]
    public async Task ABehindServerIssuesExpiresAtInTheClientsPastYetAcceptsTheToken()
    {
        Server.Options.ClockOffset = TimeSpan.FromHours(-3);
        DateTimeOffset clientNow = Server.Clock.GetUtcNow();
        Server.ExpireAccessToken(DemoToken);
        string expired = DemoToken;

        ApiCall refreshed = await ValidateAsync(expired, Server.DemoAccount.RefreshToken);

        long expiresAt = refreshed.Json.GetProperty("tokens").GetProperty("expires_at").GetInt64();
        Assert.Equal((clientNow - TimeSpan.FromHours(2)).ToUnixTimeSeconds(), expiresAt);
        Assert.True(DateTimeOffset.FromUnixTimeSeconds(expiresAt) < clientNow);
        Assert.Equal(200, (await GetAsync("/billing/domains", DemoToken)).Status);
        Server.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(200, (await GetAsync("/billing/domains", DemoToken)).Status);
        Server.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(401, (await GetAsync("/billing/domains", DemoToken)).Status);
    }

    [Fact]
    public async Task AServerAheadJudgesATokenExpiredEarly()
    {
        Server.Options.ClockOffset = TimeSpan.FromMinutes(61);

        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.Equal(401, call.Status);
        Assert.Equal("TOKEN_EXPIRED", call.Json.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task ServerStampsUseTheOffsetButTheLogUsesTheTestClock()
    {
        Server.Clock.SetUtcNow(new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero));
        Server.ExpireAccessToken(DemoToken);
        await ValidateAsync(DemoToken, Server.DemoAccount.RefreshToken);
        Server.Options.ClockOffset = TimeSpan.FromHours(-3);

        JsonElement created = (await CreateDomainAsync("track.example.com")).Json.GetProperty("domain");
        JsonElement check = (await PostAsync("/billing/domains/check", DemoToken, "{\"domain\":\"track.example.com\"}")).Json;

        Assert.Equal("2030-06-01T09:00:00Z", created.GetProperty("created_at").GetString());
        Assert.Equal(new DateTimeOffset(2030, 6, 1, 9, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), check.GetProperty("check_timestamp").GetInt64());
        Assert.All(Server.Requests, r => Assert.Equal(new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero), r.At));
    }

    [Fact]
    public async Task TimeBasedActivationIsMeasuredOnTheServerClock()
    {
        Server.Options.RefreshesUntilActive = 0;
        Server.Options.TimeUntilActive = TimeSpan.FromMinutes(10);
        await CreateDomainAsync("track.example.com");

        Server.Options.ClockOffset = TimeSpan.FromMinutes(10);

        Assert.True(Server.DomainsOf(Server.DemoAccount).Single().IsActive);
    }
}
