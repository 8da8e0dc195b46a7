using System.Net.Http;
using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Http;

namespace FunnelFlux.Core.Tests.Auth;

/// <summary>
/// A server whose clock is off: renewal is judged from when a token arrived, and made at most once
/// per expiry, so a token the server still accepts is not renewed on every request.
/// </summary>
public class ClockSkewTests
{
    private static readonly ApiRequest ListDomains = new(HttpMethod.Get, "billing/domains", RetrySafety.Idempotent);

    private static int ValidateCalls(TestApi api) => api.Server.Requests.Count(r => r.Path == "/v1/auth/validate");

    [Fact]
    public async Task AnExpiryAlreadyPastWhenTheTokenArrivesCausesNoRenewals()
    {
        // The server's clock is 3 hours behind: a 1-hour token "expired" 2 hours ago on ours.
        await using var api = await TestApi.StartAsync(new EmulatorOptions { ClockOffset = TimeSpan.FromHours(-3), AccessTokenLifetime = TimeSpan.FromHours(1) });
        using var session = await api.ConnectAsync();
        Assert.True(session.AccessTokenExpiresAt < api.Time.GetUtcNow());

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await session.SendAsync(ListDomains, api.Sink, default)).StatusCode);
        }

        Assert.Equal(1, ValidateCalls(api)); // the connect only
        Assert.Equal(5, api.Count("GET", "billing/domains"));
        Assert.Equal(0, session.Tokens.Renewals);
    }

    [Fact]
    public async Task ARenewalThatBringsBackTheSameExpiryIsNotMadeAgain()
    {
        // The server's clock is 30 minutes behind: by ours the token expires after 30 minutes, by its after an hour.
        await using var api = await TestApi.StartAsync(new EmulatorOptions { ClockOffset = TimeSpan.FromMinutes(-30), AccessTokenLifetime = TimeSpan.FromHours(1) });
        using var session = await api.ConnectAsync();
        api.Time.Advance(TimeSpan.FromMinutes(31));
        api.Server.ClearRequests();

        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(200, (await session.SendAsync(ListDomains, api.Sink, default)).StatusCode);
        }

        // Once, ahead of what our clock says; the server repeats the token and its expiry; no more.
        Assert.Equal(1, ValidateCalls(api));
        Assert.Equal(4, api.Count("GET", "billing/domains"));
    }

    [Fact]
    public async Task WhenTheServerFinallyRefusesTheTokenItIsRenewedOnce()
    {
        await using var api = await TestApi.StartAsync(new EmulatorOptions { ClockOffset = TimeSpan.FromHours(-3), AccessTokenLifetime = TimeSpan.FromHours(1) });
        using var session = await api.ConnectAsync();
        string first = session.Tokens.Current.AccessToken;
        // An hour later on both clocks: the server now calls the token expired.
        api.Time.Advance(TimeSpan.FromMinutes(61));
        api.Server.Clock.Advance(TimeSpan.FromMinutes(61));
        api.Server.ClearRequests();

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await session.SendAsync(ListDomains, api.Sink, default)).StatusCode);
        }

        Assert.Equal(1, ValidateCalls(api));
        Assert.NotEqual(first, session.Tokens.Current.AccessToken);
        Assert.Equal(new[] { 401, 200, 200, 200 }, api.Logged("GET", "billing/domains").Select(r => r.StatusCode));
    }
}
