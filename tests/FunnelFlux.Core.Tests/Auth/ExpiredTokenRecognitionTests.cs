using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Errors;

namespace FunnelFlux.Core.Tests.Auth;

/// <summary>
/// Only what the API documents means "expired": a 401, or a 400 for a token that /auth/validate
/// then refuses too. The words of an answer are never a reason to renew and send a create again.
/// </summary>
public class ExpiredTokenRecognitionTests
{
    private static int ValidateCalls(TestApi api, bool withRefreshToken) =>
        api.Server.Requests.Count(r => r.Path == "/v1/auth/validate" && (r.Body?.Contains("refresh_token") ?? false) == withRefreshToken);

    [Fact]
    public async Task A400ThatMentionsATokenIsTheAnswerAndTheCreateIsSentOnce()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.ClearRequests();
        api.Server.Faults.Add("POST", "/billing/domains", Fault.Error(400, "INVALID_VERIFICATION_TOKEN", "verification token mismatch"), times: 2);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() => session.Domains.CreateAsync("verify.example.com", api.Sink));

        Assert.Equal(1, api.Count("POST", "billing/domains"));
        Assert.Equal(0, ValidateCalls(api, withRefreshToken: true));
        Assert.Equal(0, session.Tokens.Renewals);
        Assert.Equal("INVALID_VERIFICATION_TOKEN", error.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, error.Kind);
        Assert.Contains("verification token mismatch", error.Message);
        Assert.Empty(api.Server.DomainsOf(api.Server.DemoAccount));
    }

    [Fact]
    public async Task A400ForATokenTheApiRefusesIsRenewedAndTheCreateRepeatedOnce()
    {
        await using var api = await TestApi.StartAsync(new EmulatorOptions { ExpiredTokenStatus = 400 });
        using var session = await api.ConnectAsync();
        api.Server.ExpireAccessToken(api.Server.DemoAccount.AccessToken);
        api.Server.ClearRequests();

        var created = await session.Domains.CreateAsync("renewed.example.com", api.Sink);

        Assert.Equal("renewed.example.com", created.Name);
        // The first create was refused for its token (the server did not act), the second made it.
        Assert.Equal(new[] { 400, 200 }, api.Logged("POST", "billing/domains").Select(r => r.StatusCode));
        Assert.Equal(1, ValidateCalls(api, withRefreshToken: true));
        Assert.Single(api.Server.DomainsOf(api.Server.DemoAccount));
    }

    [Fact]
    public async Task A401IsRenewedAndRepeatedOnceWithoutAsking()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.ExpireAccessToken(api.Server.DemoAccount.AccessToken);
        api.Server.ClearRequests();

        await session.Domains.CreateAsync("after401.example.com", api.Sink);

        Assert.Equal(new[] { 401, 200 }, api.Logged("POST", "billing/domains").Select(r => r.StatusCode));
        Assert.Equal(0, ValidateCalls(api, withRefreshToken: false));
        Assert.Equal(1, ValidateCalls(api, withRefreshToken: true));
    }
}
