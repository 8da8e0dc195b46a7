using System.Net;
using System.Text.Json;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

/// <summary>The /_emulator/ routes a test in another process uses to count and inspect traffic.</summary>
public sealed class ControlEndpointTests : EmulatorTest
{
    [Fact]
    public void ControlUriIsOutsideTheApiBase()
    {
        Assert.Equal(Server.BaseUri.GetLeftPart(UriPartial.Authority) + "/_emulator", Server.ControlUri.ToString());
    }

    [Fact]
    public async Task RequestsAreListedOldestFirstWithEveryField()
    {
        Server.Clock.Advance(TimeSpan.FromHours(1));
        DateTimeOffset at = Server.Clock.GetUtcNow();
        using (HttpRequestMessage create = Request(HttpMethod.Post, "/billing/domains", DemoToken, "{\"domain\":\"track.example.com\"}"))
        {
            create.Headers.UserAgent.ParseAdd("FunnelFlux/0.1.0");
            create.Headers.Accept.ParseAdd("application/json");
            await Http.SendAsync(create);
        }

        await GetAsync("/billing/domains?x=1", null);

        ApiCall call = await ControlAsync(HttpMethod.Get, "/requests");

        Assert.Equal(200, call.Status);
        Assert.Equal("application/json", call.Response.Content.Headers.ContentType?.MediaType);
        JsonElement[] requests = call.Json.EnumerateArray().ToArray();
        Assert.Equal(2, requests.Length);
        JsonElement first = requests[0];
        Assert.Equal(
            Sorted("method", "path", "query", "body", "hadAuthorization", "statusCode", "outcome", "at", "headers"),
            PropertyNames(first));
        Assert.Equal("POST", first.GetProperty("method").GetString());
        Assert.Equal("/v1/billing/domains", first.GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("query").ValueKind);
        Assert.Equal("{\"domain\":\"track.example.com\"}", first.GetProperty("body").GetString());
        Assert.True(first.GetProperty("hadAuthorization").GetBoolean());
        Assert.Equal(200, first.GetProperty("statusCode").GetInt32());
        Assert.Equal("answered", first.GetProperty("outcome").GetString());
        Assert.Equal(at, first.GetProperty("at").GetDateTimeOffset());
        JsonElement headers = first.GetProperty("headers");
        Assert.Equal(Sorted("Accept", "Content-Length", "Content-Type", "User-Agent"), PropertyNames(headers));
        Assert.Equal("FunnelFlux/0.1.0", headers.GetProperty("User-Agent").GetString());
        Assert.Equal("application/json", headers.GetProperty("Accept").GetString());

        JsonElement second = requests[1];
        Assert.Equal("GET", second.GetProperty("method").GetString());
        Assert.Equal("x=1", second.GetProperty("query").GetString());
        Assert.False(second.GetProperty("hadAuthorization").GetBoolean());
        Assert.Equal(401, second.GetProperty("statusCode").GetInt32());
        Assert.Empty(PropertyNames(second.GetProperty("headers")));
    }

    [Fact]
    public async Task TokensNeverAppearInTheServedLog()
    {
        string access = DemoToken;
        string refresh = Server.DemoAccount.RefreshToken;
        Server.ExpireAccessToken(access);
        await ValidateAsync(access, refresh);
        using (HttpRequestMessage probe = Request(HttpMethod.Get, "/billing/domains?t=" + DemoToken, DemoToken))
        {
            probe.Headers.UserAgent.ParseAdd("x/1 (" + refresh + ")");
            await Http.SendAsync(probe);
        }

        string served = (await ControlAsync(HttpMethod.Get, "/requests")).Body;

        JsonElement[] requests = JsonDocument.Parse(served).RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(Server.IssuedTokens, t => Assert.DoesNotContain(t, served, StringComparison.Ordinal));
        Assert.DoesNotContain("Bearer", served, StringComparison.OrdinalIgnoreCase);
        Assert.All(requests, r => Assert.False(r.GetProperty("headers").TryGetProperty("Authorization", out _)));
        Assert.Equal("t=***", requests[1].GetProperty("query").GetString());
        Assert.Equal("x/1 (***)", requests[1].GetProperty("headers").GetProperty("User-Agent").GetString());
    }

    [Fact]
    public async Task DeleteRequestsClearsTheLogOnly()
    {
        await GetAsync("/billing/domains", DemoToken);

        ApiCall cleared = await ControlAsync(HttpMethod.Delete, "/requests");

        Assert.Equal(204, cleared.Status);
        Assert.Empty(Server.Requests);
        Assert.Equal(0, (await ControlAsync(HttpMethod.Get, "/requests")).Json.GetArrayLength());
        Assert.Equal(1, (await ControlAsync(HttpMethod.Get, "/stats")).Json.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task ControlRequestsAreNeitherRecordedNorCounted()
    {
        await ControlAsync(HttpMethod.Get, "/requests");
        await ControlAsync(HttpMethod.Get, "/stats");
        await ControlAsync(HttpMethod.Get, "/tokens");
        await ControlAsync(HttpMethod.Post, "/faults", "{\"path\":\"/billing/domains\",\"kind\":\"status\"}");
        await ControlAsync(HttpMethod.Delete, "/faults");
        await ControlAsync(HttpMethod.Post, "/clock", "{\"advanceSeconds\":1}");
        await ControlAsync(HttpMethod.Post, "/domains", "{\"name\":\"seed.example.com\"}");
        await ControlAsync(HttpMethod.Get, "/nothing-here");

        ApiCall stats = await ControlAsync(HttpMethod.Get, "/stats");

        Assert.Empty(Server.Requests);
        Assert.Equal(0, Server.RequestsReceived);
        Assert.Equal(0, Server.MaxConcurrentRequests);
        Assert.Equal("{\"requests\":0,\"inFlight\":0,\"maxInFlight\":0}", stats.Body);
    }

    [Fact]
    public async Task StatsCountInFlightAndResetClearsOnlyTheMaximum()
    {
        Server.Faults.Add("GET", "/billing/domains", Fault.Delay(TimeSpan.FromSeconds(30)));
        using var giveUp = new CancellationTokenSource();
        Task<HttpResponseMessage> held = Http.SendAsync(Request(HttpMethod.Get, "/billing/domains", DemoToken), giveUp.Token);
        await WaitForAsync(() => Server.InFlightRequests == 1);
        await GetAsync("/billing/domains/x.example.com", DemoToken);

        JsonElement during = (await ControlAsync(HttpMethod.Get, "/stats")).Json;
        ApiCall reset = await ControlAsync(HttpMethod.Post, "/stats/reset");

        Assert.Equal(2, during.GetProperty("requests").GetInt64());
        Assert.Equal(1, during.GetProperty("inFlight").GetInt32());
        Assert.Equal(2, during.GetProperty("maxInFlight").GetInt32());
        Assert.Equal(200, reset.Status);
        Assert.Equal(2, reset.Json.GetProperty("requests").GetInt64());
        Assert.Equal(1, reset.Json.GetProperty("maxInFlight").GetInt32());

        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        await WaitForAsync(() => Server.InFlightRequests == 0);
        Assert.Equal(2, (await ControlAsync(HttpMethod.Get, "/stats")).Json.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task TokensListsEveryTokenEverIssued()
    {
        string firstAccess = DemoToken;
        Server.ExpireAccessToken(firstAccess);
        await ValidateAsync(firstAccess, Server.DemoAccount.RefreshToken);
        EmulatorAccount other = Server.CreateAccount();

        ApiCall call = await ControlAsync(HttpMethod.Get, "/tokens");

        string[] tokens = call.Json.EnumerateArray().Select(t => t.GetString()!).ToArray();
        Assert.Equal(Server.IssuedTokens.OrderBy(t => t, StringComparer.Ordinal), tokens.OrderBy(t => t, StringComparer.Ordinal));
        Assert.Contains(firstAccess, tokens);
        Assert.Contains(DemoToken, tokens);
        Assert.Contains(Server.DemoAccount.RefreshToken, tokens);
        Assert.Contains(other.AccessToken, tokens);
        Assert.Equal(5, tokens.Length);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:5099")]
    [InlineData("10.0.0.1")]
    public async Task AHostThatIsNotLoopbackIsRefused(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Server.ControlUri + "/tokens"));
        request.Headers.Host = host;

        HttpResponseMessage response = await Http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("loopback", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        Assert.All(Server.IssuedTokens, t => Assert.DoesNotContain(t, body, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1:5099", true)]
    [InlineData("127.0.0.1", "localhost:5099", true)]
    [InlineData("::1", "[::1]:5099", true)]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("192.168.1.5", "127.0.0.1:5099", false)]
    [InlineData("::ffff:192.168.1.5", "127.0.0.1:5099", false)]
    [InlineData("127.0.0.1", "attacker.example:5099", false)]
    [InlineData("127.0.0.1", "[2001:db8::1]:5099", false)]
    public void AccessNeedsALoopbackClientAndALoopbackHost(string remote, string? host, bool allowed)
    {
        Assert.Equal(allowed, ControlAccess.Allows(IPAddress.Parse(remote), host));
    }

    [Fact]
    public void AnUnknownClientAddressIsRefused()
    {
        Assert.False(ControlAccess.Allows(null, "127.0.0.1"));
    }

    [Theory]
    [InlineData("GET", "/nothing", 404)]
    [InlineData("GET", "", 404)]
    [InlineData("PUT", "/requests", 405)]
    [InlineData("GET", "/stats/reset", 405)]
    [InlineData("GET", "/domains", 405)]
    public async Task UnknownRoutesAndMethodsGetAClearError(string method, string route, int status)
    {
        ApiCall call = await ControlAsync(new HttpMethod(method), route);

        Assert.Equal(status, call.Status);
        Assert.False(string.IsNullOrWhiteSpace(call.Json.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task TheApiIsUnchangedByTheControlRoutes()
    {
        ApiCall call = await GetAsync("/_emulator/requests", DemoToken);

        Assert.Equal(404, call.Status);
        Assert.Equal("NOT_FOUND", call.Json.GetProperty("error_code").GetString());
        Assert.Single(Server.Requests);
    }
}
