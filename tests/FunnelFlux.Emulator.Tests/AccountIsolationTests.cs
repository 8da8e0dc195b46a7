using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

public sealed class AccountIsolationTests : EmulatorTest
{
    [Fact]
    public async Task ADomainOfAnotherAccountIsAlreadyOwned()
    {
        EmulatorAccount other = Server.CreateAccount("other");
        await CreateDomainAsync("track.example.com");

        ApiCall call = await CreateDomainAsync("track.example.com", other.AccessToken);

        Assert.Equal(409, call.Status);
        Assert.Equal("DOMAIN_ALREADY_OWNED", call.Json.GetProperty("error_code").GetString());
        Assert.Empty(Server.DomainsOf(other));
    }

    [Fact]
    public async Task AnotherAccountCannotSeeOrDeleteTheDomain()
    {
        EmulatorAccount other = Server.CreateAccount();
        await CreateDomainAsync("track.example.com");

        Assert.Equal(404, (await GetAsync("/billing/domains/track.example.com", other.AccessToken)).Status);
        Assert.Equal(404, (await DeleteAsync("/billing/domains/track.example.com", other.AccessToken)).Status);
        Assert.Equal(404, (await PostAsync("/billing/domains/track.example.com/refresh", other.AccessToken)).Status);
        Assert.Equal(0, (await GetAsync("/billing/domains", other.AccessToken)).Json.GetProperty("domains").GetArrayLength());
        ApiCall check = await PostAsync("/billing/domains/check", other.AccessToken, "{\"domain\":\"track.example.com\"}");
        Assert.False(check.Json.GetProperty("found").GetBoolean());

        Assert.Single(Server.DomainsOf(Server.DemoAccount));
    }

    [Fact]
    public void AccountsHaveDistinctNamesAndTokens()
    {
        EmulatorAccount a = Server.CreateAccount();
        EmulatorAccount b = Server.CreateAccount();

        Assert.Equal(3, new[] { Server.DemoAccount.Name, a.Name, b.Name }.Distinct().Count());
        Assert.Equal(6, new[] { Server.DemoAccount.AccessToken, Server.DemoAccount.RefreshToken, a.AccessToken, a.RefreshToken, b.AccessToken, b.RefreshToken }.Distinct().Count());
        Assert.Throws<ArgumentException>(() => Server.CreateAccount(a.Name));
    }

    [Fact]
    public async Task AccountsOfAnotherEmulatorAreRefused()
    {
        await using EmulatorServer second = await EmulatorServer.StartAsync();

        Assert.Throws<ArgumentException>(() => Server.DomainsOf(second.DemoAccount));
    }
}
