using FunnelFlux.Tests.Shared;
using System.Net.Http;
using FunnelFlux.Auth;
using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Core.Tests.Auth;

public class TokenRenewalTests
{
    private static readonly ApiRequest ListDomains = new(HttpMethod.Get, "billing/domains", RetrySafety.Idempotent);

    private static int ValidateCalls(TestApi api, bool withRefreshToken) =>
        api.Server.Requests.Count(r => r.Path == "/v1/auth/validate" && (r.Body?.Contains("refresh_token") ?? false) == withRefreshToken);

    [Fact]
    public async Task ConnectChecksTheTokenAndLearnsItsExpiry()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();

        Assert.Equal(1, ValidateCalls(api, withRefreshToken: false));
        Assert.Equal(0, ValidateCalls(api, withRefreshToken: true));
        Assert.NotNull(session.AccessTokenExpiresAt);
        Assert.InRange(session.AccessTokenExpiresAt!.Value, api.Server.DemoAccount.AccessTokenExpiresAt.AddSeconds(-1), api.Server.DemoAccount.AccessTokenExpiresAt.AddSeconds(1));
        Assert.True(session.HasRefreshToken);
    }

    [Fact]
    public async Task ConnectWithAnExpiredTokenRenewsItWithTheRefreshToken()
    {
        await using var api = await TestApi.StartAsync();
        string expired = api.Server.DemoAccount.AccessToken;
        api.Server.ExpireAccessToken(expired);

        using var session = await api.ConnectAsync();

        Assert.Equal(1, ValidateCalls(api, withRefreshToken: true));
        Assert.NotEqual(expired, session.Tokens.Current.AccessToken);
        Assert.Equal(api.Server.DemoAccount.AccessToken, session.Tokens.Current.AccessToken);
    }

    [Fact]
    public async Task ConnectWithAnExpiredTokenAndNoRefreshTokenSaysWhatToDo()
    {
        await using var api = await TestApi.StartAsync();
        api.Server.ExpireAccessToken(api.Server.DemoAccount.AccessToken);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => api.ConnectAsync(withRefreshToken: false));

        Assert.Equal(FailureKind.Authentication, error.Kind);
        Assert.Equal("AccessTokenRejected", error.ErrorId);
        Assert.Contains("Settings > API Access", error.RecommendedAction);
        Secrets.AssertAbsent(error);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(400)]
    public async Task EightConcurrentCallersWithAnExpiredTokenCauseOneRenewal(int expiredStatus)
    {
        await using var api = await TestApi.StartAsync(new EmulatorOptions { ExpiredTokenStatus = expiredStatus, ValidateDelay = TimeSpan.FromMilliseconds(150) });
        using var session = await api.ConnectAsync();
        // The server expires the token; the client still believes it valid, so it learns from the refusal.
        api.Server.ExpireAccessToken(api.Server.DemoAccount.AccessToken);
        api.Server.ClearRequests();

        var calls = Enumerable.Range(0, 8).Select(_ => Task.Run(() => session.SendAsync(ListDomains, api.Sink, default))).ToArray();
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(1, ValidateCalls(api, withRefreshToken: true));
        Assert.Equal(1, session.Tokens.Renewals);
        Assert.Equal(api.Server.DemoAccount.AccessToken, session.Tokens.Current.AccessToken);
    }

    [Fact]
    public async Task ATokenDueForRenewalIsRenewedBeforeTheRequest()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        string before = session.Tokens.Current.AccessToken;
        // Move both clocks past expiry: the client renews first instead of being refused.
        api.Time.Advance(TimeSpan.FromHours(73));
        api.Server.Clock.Advance(TimeSpan.FromHours(73));
        api.Server.ClearRequests();

        var response = await session.SendAsync(ListDomains, api.Sink, default);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(new[] { "/v1/auth/validate", "/v1/billing/domains" }, api.Server.Requests.Select(r => r.Path));
        Assert.NotEqual(before, session.Tokens.Current.AccessToken);
    }

    [Fact]
    public async Task ARenewalThatRepeatsTheSameTokenIsNotAskedAgainUntilExpiry()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        // Inside the renew-ahead window the server still calls the token valid and repeats it.
        api.Time.Advance(TimeSpan.FromHours(72) - TimeSpan.FromSeconds(30));
        api.Server.ClearRequests();

        await session.SendAsync(ListDomains, api.Sink, default);
        await session.SendAsync(ListDomains, api.Sink, default);

        Assert.Equal(1, api.Server.Requests.Count(r => r.Path == "/v1/auth/validate"));
        Assert.Equal(2, api.Count("GET", "billing/domains"));
    }

    [Fact]
    public async Task ARevokedRefreshTokenGivesAnAuthenticationErrorWithAdvice()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.RevokeRefreshToken(api.Server.DemoAccount.RefreshToken);
        api.Server.ExpireAccessToken(api.Server.DemoAccount.AccessToken);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.SendAsync(ListDomains, api.Sink, default));

        Assert.Equal(FailureKind.Authentication, error.Kind);
        Assert.Equal("RefreshTokenRejected", error.ErrorId);
        Assert.Contains("create a new refresh token", error.RecommendedAction, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Settings > API Access", error.RecommendedAction);
        Secrets.AssertAbsent(error);
    }

    [Fact]
    public async Task ExpiryInMillisecondsIsUnderstood()
    {
        await using var api = await TestApi.StartAsync(new EmulatorOptions { ExpiresAtInMilliseconds = true });
        using var session = await api.ConnectAsync();

        var expected = api.Server.DemoAccount.AccessTokenExpiresAt;
        Assert.InRange(session.AccessTokenExpiresAt!.Value, expected.AddSeconds(-1), expected.AddSeconds(1));
    }

    [Fact]
    public async Task ARotatedRefreshTokenIsKeptAndUsedNextTime()
    {
        await using var api = await TestApi.StartAsync(new EmulatorOptions { RotateRefreshToken = true });
        using var session = await api.ConnectAsync();

        for (int round = 0; round < 2; round++)
        {
            api.Server.ExpireAccessToken(api.Server.DemoAccount.AccessToken);
            var response = await session.SendAsync(ListDomains, api.Sink, default);
            Assert.Equal(200, response.StatusCode);
            Assert.Equal(api.Server.DemoAccount.RefreshToken, session.Tokens.Current.RefreshToken);
        }
        Assert.Equal(2, session.Tokens.Renewals);
    }

    [Fact]
    public async Task NothingShowsATokenInToString()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        var context = new Context(session, ContextScope.Process);

        Secrets.AssertAbsent(session.ToString());
        Secrets.AssertAbsent(context.ToString());
        Secrets.AssertAbsent(session.Tokens.Current.ToString());
        Assert.Contains("held", session.Tokens.Current.ToString());
    }

    [Theory]
    [InlineData(1767225600d, "2026-01-01T00:00:00Z")]
    [InlineData(1767225600000d, "2026-01-01T00:00:00Z")]
    [InlineData(1767225600.5d, "2026-01-01T00:00:00.5Z")]
    public void ExpiryNumbersAreSecondsOrMilliseconds(double value, string expected)
    {
        using var json = System.Text.Json.JsonDocument.Parse(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(expected), TokenExpiry.FromJson(json.RootElement));
        using var text = System.Text.Json.JsonDocument.Parse("\"" + value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"");
        Assert.Equal(DateTimeOffset.Parse(expected), TokenExpiry.FromJson(text.RootElement));
    }
}
