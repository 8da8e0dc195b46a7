using System.Text.Json;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

public sealed class RedirectFaultTests : EmulatorTest
{
    [Fact]
    public async Task ADefaultRedirectPointsAtThisEmulatorAndHasNoEffect()
    {
        Server.AddDomain(Server.DemoAccount, "track.example.com");
        Server.Faults.Add("DELETE", "/billing/domains/*", Fault.Redirect());
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        using HttpResponseMessage response = await client.SendAsync(Request(HttpMethod.Delete, "/billing/domains/track.example.com?x=1", DemoToken));

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal(new Uri(Server.BaseUri.GetLeftPart(UriPartial.Authority) + "/redirected/v1/billing/domains/track.example.com?x=1"), response.Headers.Location);
        Assert.Single(Server.DomainsOf(Server.DemoAccount));
        Assert.Equal((RequestOutcome.Answered, 302), (Server.Requests.Single().Outcome, Server.Requests.Single().StatusCode));
    }

    [Fact]
    public async Task WithAfterActionTheRequestActsBeforeTheRedirect()
    {
        Server.Faults.Add("POST", "/billing/domains", Fault.Redirect() with { AfterAction = true });
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        using HttpResponseMessage response = await client.SendAsync(Request(HttpMethod.Post, "/billing/domains", DemoToken, "{\"domain\":\"track.example.com\"}"));

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Single(Server.DomainsOf(Server.DemoAccount));
    }

    [Fact]
    public async Task AClientThatFollowsIsSeenInTheLog()
    {
        Server.Faults.Add("GET", "/billing/domains", Fault.Redirect(307));

        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.Equal(404, call.Status);
        Assert.Equal(new[] { "/v1/billing/domains", "/redirected/v1/billing/domains" }, Server.Requests.Select(r => r.Path));
        Assert.Equal(307, Server.Requests[0].StatusCode);
    }

    [Theory]
    [InlineData(301, "/elsewhere")]
    [InlineData(308, "http://127.0.0.1:9/v1/billing/domains")]
    [InlineData(303, "https://localhost/v1")]
    public async Task StatusAndLocationCanBeChosen(int status, string location)
    {
        Server.Faults.Add(null, "/billing/domains", Fault.Redirect(status, location));
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        using HttpResponseMessage response = await client.SendAsync(Request(HttpMethod.Get, "/billing/domains", DemoToken));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("https://api.funnelflux.pro/v1")]
    [InlineData("//example.com/v1")]
    [InlineData("ftp://127.0.0.1/x")]
    public void LocationsOffLoopbackAreRefused(string location)
    {
        Assert.Throws<ArgumentException>(() => Fault.Redirect(302, location));
    }

    [Fact]
    public void OnlyRedirectStatusesAreAccepted()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Fault.Redirect(304));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fault.Redirect(200));
    }

    [Fact]
    public async Task TheControlEndpointQueuesRedirects()
    {
        ApiCall queued = await ControlAsync(HttpMethod.Post, "/faults", "{\"path\":\"/billing/domains\",\"kind\":\"redirect\",\"statusCode\":301,\"location\":\"/moved\"}");
        ApiCall refused = await ControlAsync(HttpMethod.Post, "/faults", "{\"path\":\"/billing/domains\",\"kind\":\"redirect\",\"location\":\"https://api.funnelflux.pro/v1\"}");
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        using HttpResponseMessage response = await client.SendAsync(Request(HttpMethod.Get, "/billing/domains", DemoToken));

        Assert.Equal(201, queued.Status);
        Assert.Equal(400, refused.Status);
        Assert.Contains("loopback", JsonDocument.Parse(refused.Body).RootElement.GetProperty("error").GetString());
        Assert.Equal(301, (int)response.StatusCode);
        Assert.Equal("/moved", response.Headers.Location?.OriginalString);
    }
}
