using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Errors;
using FunnelFlux.Tests.Shared;

namespace FunnelFlux.Core.Tests.Auth;

/// <summary>What Connect checks and says about the tokens it is given.</summary>
public class ConnectTokenTests
{
    [Theory]
    [InlineData("abc\ndef", "line break")]
    [InlineData("abc def", "space")]
    [InlineData("abc\u00e9def", "not plain ASCII")]
    [InlineData("abc\u0000def", "control character")]
    public async Task AnAccessTokenThatCannotTravelInAHeaderIsRefusedBeforeAnyRequest(string token, string what)
    {
        await using var api = await TestApi.StartAsync();

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() =>
            ApiSession.ConnectAsync(api.Options(), token, api.Server.DemoAccount.RefreshToken, api.Sink));

        Assert.Equal("AccessTokenMalformed", error.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, error.Kind);
        Assert.Contains(what, error.Message);
        Assert.DoesNotContain("abc", error.Message);
        Assert.Empty(api.Server.Requests);
    }

    [Fact]
    public async Task ARefreshTokenWithALineBreakIsRefusedBeforeAnyRequest()
    {
        await using var api = await TestApi.StartAsync();
        string broken = api.Server.DemoAccount.RefreshToken.Insert(5, "\r\n");

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() =>
            ApiSession.ConnectAsync(api.Options(), api.Server.DemoAccount.AccessToken, broken, api.Sink));

        Assert.Equal("RefreshTokenMalformed", error.ErrorId);
        Assert.Empty(api.Server.Requests);
        Secrets.AssertAbsent(error);
    }

    [Fact]
    public async Task SpacesAroundATokenAreIgnored()
    {
        await using var api = await TestApi.StartAsync();

        using var session = await ApiSession.ConnectAsync(api.Options(), "  " + api.Server.DemoAccount.AccessToken + "\n", api.Server.DemoAccount.RefreshToken, api.Sink);

        Assert.True(session.HasRefreshToken);
    }

    [Fact]
    public async Task AWrongAccessTokenWithAValidRefreshTokenDoesNotBlameTheRefreshTokenAlone()
    {
        await using var api = await TestApi.StartAsync();

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() =>
            ApiSession.ConnectAsync(api.Options(), "not-the-access-token", api.Server.DemoAccount.RefreshToken, api.Sink));

        Assert.Equal("TokensRejected", error.ErrorId);
        Assert.Equal(FailureKind.Authentication, error.Kind);
        // What the API answered, both times, and that both tokens need checking.
        Assert.Contains("To the access token alone it answered 401", error.Message);
        Assert.Contains("with the refresh token as well it answered 401", error.Message);
        Assert.Contains("UNAUTHORIZED", error.Message);
        Assert.Contains("Either token may be the wrong one", error.Message);
        Assert.StartsWith("Check both tokens", error.RecommendedAction);
        Assert.DoesNotContain("did not accept the refresh token", error.Message);
        Secrets.AssertAbsent(error);
    }

    [Fact]
    public async Task AnExpiredAccessTokenWithARevokedRefreshTokenQuotesTheAnswers()
    {
        await using var api = await TestApi.StartAsync();
        api.Server.ExpireAccessToken(api.Server.DemoAccount.AccessToken);
        api.Server.RevokeRefreshToken(api.Server.DemoAccount.RefreshToken);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => api.ConnectAsync());

        Assert.Equal("TokensRejected", error.ErrorId);
        Assert.Contains("TOKEN_EXPIRED", error.Message);
        Assert.Contains("INVALID_REFRESH_TOKEN", error.Message);
        Secrets.AssertAbsent(error);
    }
}
