using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

public sealed class RequestLogTests : EmulatorTest
{
    [Fact]
    public async Task EveryRequestIsRecordedInOrderWithItsStatus()
    {
        DateTimeOffset now = Server.Clock.GetUtcNow();
        await CreateDomainAsync("track.example.com");
        await RawHttp.GetAsync(Server.BaseUri, "/v1/billing/domains/track%2Eexample.com?verbose=1", DemoToken);
        await GetAsync("/nowhere", null);
        Server.Faults.Add(null, "/billing/domains", Fault.Status(429, "1"));
        await GetAsync("/billing/domains", DemoToken);

        IReadOnlyList<RecordedRequest> log = Server.Requests;

        Assert.Equal(4, log.Count);
        var jsonHeaders = new Dictionary<string, string> { ["Content-Type"] = "application/json; charset=utf-8", ["Content-Length"] = "30" };
        Assert.Equal(new RecordedRequest("POST", "/v1/billing/domains", null, "{\"domain\":\"track.example.com\"}", true, 200, now) { Headers = jsonHeaders }, log[0]);
        Assert.Equal(new RecordedRequest("GET", "/v1/billing/domains/track%2Eexample.com", "verbose=1", null, true, 200, now), log[1]);
        Assert.Equal(new RecordedRequest("GET", "/v1/nowhere", null, null, false, 404, now), log[2]);
        Assert.Equal(429, log[3].StatusCode);
        Assert.All(log, r => Assert.Equal(RequestOutcome.Answered, r.Outcome));
    }

    [Fact]
    public async Task NoTokenTextIsEverRecorded()
    {
        Server.Options.RotateRefreshToken = true;
        string access = DemoToken;
        string refresh = Server.DemoAccount.RefreshToken;
        Server.ExpireAccessToken(access);
        await ValidateAsync(access, refresh);
        await ValidateAsync(DemoToken, "some-unknown-refresh-token");
        await PostAsync("/auth/validate", DemoToken, "{\"refresh_token\":\"" + Server.DemoAccount.RefreshToken + "\", \"x\":1");
        await GetAsync("/billing/domains?access_token=" + DemoToken, DemoToken);

        string[] secrets = { access, refresh, DemoToken, Server.DemoAccount.RefreshToken, "some-unknown-refresh-token" };
        Assert.Equal(4, Server.Requests.Count);
        foreach (RecordedRequest r in Server.Requests)
        {
            string all = string.Join("|", r.Method, r.Path, r.Query, r.Body);
            Assert.DoesNotContain(secrets, s => all.Contains(s, StringComparison.Ordinal));
            Assert.True(r.HadAuthorization);
        }

        Assert.Equal("{\"refresh_token\":\"***\"}", Server.Requests[0].Body);
        Assert.Equal("access_token=***", Server.Requests[3].Query);
    }

    [Fact]
    public async Task OnlyFourHeadersAreKeptAndTokensInThemAreMasked()
    {
        using HttpRequestMessage request = Request(HttpMethod.Post, "/billing/domains/check", DemoToken, "{\"domain\":\"a.example.com\"}");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.UserAgent.ParseAdd("probe/1.0 (" + DemoToken + ")");
        request.Headers.Add("X-Secret", DemoToken);
        await Http.SendAsync(request);

        RecordedRequest r = Server.Requests.Single();

        Assert.Equal(Sorted("Accept", "Content-Length", "Content-Type", "User-Agent"), r.Headers.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray());
        Assert.Equal("application/json", r.Headers["accept"]);
        Assert.Equal("probe/1.0 (***)", r.Headers["User-Agent"]);
        Assert.Equal("application/json; charset=utf-8", r.Headers["Content-Type"]);
        Assert.Equal("26", r.Headers["Content-Length"]);
    }

    [Fact]
    public void EqualityComparesHeadersByContent()
    {
        DateTimeOffset at = DateTimeOffset.UnixEpoch;
        var a = new RecordedRequest("GET", "/v1/x", null, null, false, 200, at) { Headers = new Dictionary<string, string> { ["Accept"] = "a" } };
        var b = new RecordedRequest("GET", "/v1/x", null, null, false, 200, at) { Headers = new Dictionary<string, string> { ["Accept"] = "a" } };
        var c = new RecordedRequest("GET", "/v1/x", null, null, false, 200, at) { Headers = new Dictionary<string, string> { ["Accept"] = "b" } };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, a with { Outcome = RequestOutcome.Closed });
        Assert.Equal(RequestOutcome.Dropped, new RecordedRequest("GET", "/v1/x", null, null, false, 0, at).Outcome);
    }

    [Fact]
    public async Task ClearRequestsEmptiesTheLog()
    {
        await GetAsync("/billing/domains", DemoToken);

        Server.ClearRequests();

        Assert.Empty(Server.Requests);
        await GetAsync("/billing/domains", DemoToken);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task RequestsIsASnapshot()
    {
        await GetAsync("/billing/domains", DemoToken);
        IReadOnlyList<RecordedRequest> before = Server.Requests;

        await GetAsync("/billing/domains", DemoToken);

        Assert.Single(before);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task TimeIsTheEmulatorClock()
    {
        Server.Clock.SetUtcNow(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));

        await GetAsync("/billing/domains", DemoToken);

        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), Server.Requests[0].At);
    }
}
