using System.Text.Json;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

public sealed class AuthValidateTests : EmulatorTest
{
    [Fact]
    public async Task ValidTokenIsRepeatedWithItsExpiryInSecondsAndAnExtraField()
    {
        ApiCall call = await ValidateAsync(DemoToken);

        Assert.Equal(200, call.Status);
        JsonElement tokens = call.Json.GetProperty("tokens");
        Assert.Equal(DemoToken, tokens.GetProperty("access_token").GetString());
        Assert.Equal(Server.DemoAccount.AccessTokenExpiresAt.ToUnixTimeSeconds(), tokens.GetProperty("expires_at").GetInt64());
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.False(tokens.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public void ExpiryIsTheLifetimeFromTheClock()
    {
        Assert.Equal(Server.Clock.GetUtcNow() + TimeSpan.FromHours(72), Server.DemoAccount.AccessTokenExpiresAt);
    }

    [Fact]
    public async Task ValidTokenIgnoresARefreshToken()
    {
        string before = DemoToken;
        ApiCall call = await ValidateAsync(before, Server.DemoAccount.RefreshToken);

        Assert.Equal(200, call.Status);
        Assert.Equal(before, call.Json.GetProperty("tokens").GetProperty("access_token").GetString());
        Assert.Equal(before, DemoToken);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task MissingOrUnknownTokenIs401(string? token)
    {
        ApiCall call = await ValidateAsync(token);

        Assert.Equal(401, call.Status);
        Assert.Equal("UNAUTHORIZED", call.Json.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task ExpiredWithoutRefreshTokenIs401()
    {
        Server.ExpireAccessToken(DemoToken);

        ApiCall call = await ValidateAsync(DemoToken);

        Assert.Equal(401, call.Status);
        Assert.False(call.Json.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task TokenExpiresWhenTheClockPassesItsLifetime()
    {
        Server.Clock.Advance(TimeSpan.FromHours(72));

        Assert.Equal(401, (await ValidateAsync(DemoToken)).Status);
    }

    [Fact]
    public async Task ExpiredWithRefreshTokenGivesANewTokenAndRetiresTheOldOne()
    {
        string old = DemoToken;
        Server.Clock.Advance(TimeSpan.FromHours(73));

        ApiCall call = await ValidateAsync(old, Server.DemoAccount.RefreshToken);

        Assert.Equal(200, call.Status);
        JsonElement tokens = call.Json.GetProperty("tokens");
        string fresh = tokens.GetProperty("access_token").GetString()!;
        Assert.NotEqual(old, fresh);
        Assert.Equal(fresh, DemoToken);
        DateTimeOffset expected = Server.Clock.GetUtcNow() + TimeSpan.FromHours(72);
        Assert.Equal(expected.ToUnixTimeSeconds(), tokens.GetProperty("expires_at").GetInt64());
        Assert.False(tokens.TryGetProperty("refresh_token", out _));

        Assert.Equal(200, (await GetAsync("/billing/domains", fresh)).Status);
        ApiCall withOld = await GetAsync("/billing/domains", old);
        Assert.Equal(401, withOld.Status);
        Assert.Equal("UNAUTHORIZED", withOld.Json.GetProperty("error_code").GetString());
        Assert.Equal(401, (await ValidateAsync(old, Server.DemoAccount.RefreshToken)).Status);
    }

    [Fact]
    public async Task RevokedRefreshTokenIs401WithAnErrorBody()
    {
        Server.ExpireAccessToken(DemoToken);
        string refresh = Server.DemoAccount.RefreshToken;
        Server.RevokeRefreshToken(refresh);

        ApiCall call = await ValidateAsync(DemoToken, refresh);

        Assert.Equal(401, call.Status);
        Assert.Equal("INVALID_REFRESH_TOKEN", call.Json.GetProperty("error_code").GetString());
        Assert.Contains("create a new one", call.Json.GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task UnknownRefreshTokenIs401()
    {
        Server.ExpireAccessToken(DemoToken);

        Assert.Equal(401, (await ValidateAsync(DemoToken, "made-up")).Status);
    }

    [Fact]
    public async Task RefreshTokenOfAnotherAccountIsRejected()
    {
        EmulatorAccount other = Server.CreateAccount("other");
        Server.ExpireAccessToken(DemoToken);

        Assert.Equal(401, (await ValidateAsync(DemoToken, other.RefreshToken)).Status);
    }

    [Fact]
    public async Task ExpiresAtCanBeInMilliseconds()
    {
        Server.Options.ExpiresAtInMilliseconds = true;

        ApiCall call = await ValidateAsync(DemoToken);

        long expiresAt = call.Json.GetProperty("tokens").GetProperty("expires_at").GetInt64();
        Assert.Equal(Server.DemoAccount.AccessTokenExpiresAt.ToUnixTimeMilliseconds(), expiresAt);
        Assert.True(expiresAt > 100_000_000_000);
    }

    [Fact]
    public async Task RotationReturnsANewRefreshTokenAndRevokesTheOldOne()
    {
        Server.Options.RotateRefreshToken = true;
        string oldRefresh = Server.DemoAccount.RefreshToken;
        Server.ExpireAccessToken(DemoToken);

        ApiCall call = await ValidateAsync(DemoToken, oldRefresh);

        Assert.Equal(200, call.Status);
        string newRefresh = call.Json.GetProperty("tokens").GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(oldRefresh, newRefresh);
        Assert.Equal(newRefresh, Server.DemoAccount.RefreshToken);

        Server.ExpireAccessToken(DemoToken);
        Assert.Equal(401, (await ValidateAsync(DemoToken, oldRefresh)).Status);
        Assert.Equal(200, (await ValidateAsync(DemoToken, newRefresh)).Status);
    }

    [Fact]
    public async Task ConcurrentRefreshersWithTheSameExpiredTokenGetOneWinner()
    {
        Server.Options.ValidateDelay = TimeSpan.FromMilliseconds(30);
        string expired = DemoToken;
        string refresh = Server.DemoAccount.RefreshToken;
        Server.ExpireAccessToken(expired);

        ApiCall[] calls = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ValidateAsync(expired, refresh)));

        Assert.Equal(1, calls.Count(c => c.Status == 200));
        Assert.Equal(3, calls.Count(c => c.Status == 401));
    }

    [Fact]
    public async Task MalformedBodyIs400()
    {
        Assert.Equal(400, (await PostAsync("/auth/validate", DemoToken, "{not json")).Status);
    }
}
