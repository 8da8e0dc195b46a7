using System.Text.Json;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

/// <summary>POST /_emulator/clock and POST /_emulator/domains.</summary>
public sealed class ControlClockAndDomainTests : EmulatorTest
{
    [Fact]
    public async Task AdvanceSecondsMovesTheClockAndExpiresTokens()
    {
        DateTimeOffset before = Server.Clock.GetUtcNow();

        ApiCall call = await ControlAsync(HttpMethod.Post, "/clock", "{\"advanceSeconds\":262800}");

        Assert.Equal(200, call.Status);
        Assert.Equal(before + TimeSpan.FromHours(73), Server.Clock.GetUtcNow());
        Assert.Equal(before + TimeSpan.FromHours(73), call.Json.GetProperty("now").GetDateTimeOffset());
        ApiCall list = await GetAsync("/billing/domains", DemoToken);
        Assert.Equal(401, list.Status);
        Assert.Equal("TOKEN_EXPIRED", list.Json.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task OffsetSecondsSetsTheServerClockOffset()
    {
        DateTimeOffset now = Server.Clock.GetUtcNow();

        ApiCall call = await ControlAsync(HttpMethod.Post, "/clock", "{\"offsetSeconds\":-10800}");

        Assert.Equal(TimeSpan.FromHours(-3), Server.Options.ClockOffset);
        Assert.Equal(-10800, call.Json.GetProperty("offsetSeconds").GetDouble());
        Assert.Equal(now, call.Json.GetProperty("now").GetDateTimeOffset());
        Assert.Equal(now - TimeSpan.FromHours(3), call.Json.GetProperty("serverNow").GetDateTimeOffset());
        Assert.Equal(call.Body, (await ControlAsync(HttpMethod.Get, "/clock")).Body);
    }

    [Fact]
    public async Task BothCanBeGivenAtOnce()
    {
        DateTimeOffset now = Server.Clock.GetUtcNow();

        await ControlAsync(HttpMethod.Post, "/clock", "{\"advanceSeconds\":1.5,\"offsetSeconds\":60}");

        Assert.Equal(now + TimeSpan.FromSeconds(1.5), Server.Clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(1), Server.Options.ClockOffset);
    }

    [Theory]
    [InlineData("{}", "advanceSeconds")]
    [InlineData("{\"advanceSeconds\":-1}", "only moves forward")]
    [InlineData("{\"advanceSeconds\":\"10\"}", "must be a number")]
    [InlineData("{\"offsetSeconds\":1e300}", "100 years")]
    [InlineData("{\"advance\":10}", "advanceSeconds")]
    public async Task BadClockRequestsAreRefused(string json, string reason)
    {
        DateTimeOffset now = Server.Clock.GetUtcNow();

        ApiCall call = await ControlAsync(HttpMethod.Post, "/clock", json);

        Assert.Equal(400, call.Status);
        Assert.Contains(reason, call.Json.GetProperty("error").GetString());
        Assert.Equal(now, Server.Clock.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, Server.Options.ClockOffset);
    }

    [Fact]
    public async Task SeededDomainsAppearInTheDemoAccountInTheirStates()
    {
        ApiCall pending = await ControlAsync(HttpMethod.Post, "/domains", "{\"name\":\"Pending.Example.com\"}");
        ApiCall active = await ControlAsync(HttpMethod.Post, "/domains", "{\"name\":\"active.example.com\",\"state\":\"active\"}");
        ApiCall broken = await ControlAsync(HttpMethod.Post, "/domains", "{\"name\":\"broken.example.com\",\"state\":\"verificationErrors\"}");

        Assert.Equal(201, pending.Status);
        Assert.Equal("{\"name\":\"pending.example.com\",\"state\":\"pending\",\"status\":\"pending\",\"sslStatus\":\"pending_validation\"}", pending.Body);
        Assert.Equal("active", active.Json.GetProperty("status").GetString());
        Assert.Equal("verificationErrors", broken.Json.GetProperty("state").GetString());
        Assert.Empty(Server.Requests);

        Dictionary<string, JsonElement> listed = (await GetAsync("/billing/domains", DemoToken)).Json.GetProperty("domains")
            .EnumerateArray().ToDictionary(d => d.GetProperty("domain").GetString()!);
        Assert.Equal(Sorted("pending.example.com", "active.example.com", "broken.example.com"), listed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("pending", listed["pending.example.com"].GetProperty("status").GetString());
        Assert.Single(listed["pending.example.com"].GetProperty("verification_errors").EnumerateArray());
        Assert.Equal("active", listed["active.example.com"].GetProperty("status").GetString());
        Assert.Equal(0, listed["active.example.com"].GetProperty("verification_errors").GetArrayLength());
        Assert.Equal("pending", listed["broken.example.com"].GetProperty("status").GetString());
        string[] errors = listed["broken.example.com"].GetProperty("verification_errors").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, e => e.Contains("NXDOMAIN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADomainWithVerificationErrorsNeverActivates()
    {
        Server.Options.RefreshesUntilActive = 1;
        Server.Options.TimeUntilActive = TimeSpan.FromMinutes(1);
        await ControlAsync(HttpMethod.Post, "/domains", "{\"name\":\"broken.example.com\",\"state\":\"verificationErrors\"}");
        Server.Clock.Advance(TimeSpan.FromMinutes(5));

        ApiCall refreshed = await PostAsync("/billing/domains/broken.example.com/refresh", DemoToken);
        await PostAsync("/billing/domains/broken.example.com/refresh", DemoToken);

        Assert.Equal("pending", refreshed.Json.GetProperty("domain").GetProperty("status").GetString());
        Assert.False(refreshed.Json.GetProperty("check").GetProperty("found").GetBoolean());
        Assert.Equal(2, refreshed.Json.GetProperty("domain").GetProperty("verification_errors").GetArrayLength());
        Assert.False(Server.DomainsOf(Server.DemoAccount).Single().IsActive);
    }

    [Theory]
    [InlineData("{\"name\":\"not a domain\"}", 400, "not a valid hostname")]
    [InlineData("{\"state\":\"active\"}", 400, "'name' is required")]
    [InlineData("{\"name\":\"a.example.com\",\"state\":\"ready\"}", 400, "pending, active, verificationErrors")]
    [InlineData("{\"name\":\"a.example.com\",\"state\":\"1\"}", 400, "Unknown domain state")]
    [InlineData("{\"name\":\"a.example.com\",\"owner\":\"x\"}", 400, "'owner'")]
    [InlineData("{\"name\":\"taken.example.com\"}", 409, "already exists")]
    public async Task BadSeedsAreRefused(string json, int status, string reason)
    {
        Server.AddDomain(Server.DemoAccount, "taken.example.com");

        ApiCall call = await ControlAsync(HttpMethod.Post, "/domains", json);

        Assert.Equal(status, call.Status);
        Assert.Contains(reason, call.Json.GetProperty("error").GetString());
        Assert.Single(Server.DomainsOf(Server.DemoAccount));
    }

    [Fact]
    public void InProcessSeedingTakesTheSameStates()
    {
        Server.AddDomain(Server.DemoAccount, "broken.example.com", DomainSeedState.VerificationErrors);
        Server.AddDomain(Server.DemoAccount, "ok.example.com", DomainSeedState.Active);

        EmulatedDomain[] domains = Server.DomainsOf(Server.DemoAccount).ToArray();
        Assert.True(domains[0].HasDnsErrors);
        Assert.Equal(2, domains[0].VerificationErrors.Count);
        Assert.True(domains[1].IsActive);
    }
}
