using System.Diagnostics;
using System.Text.Json;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

public sealed class FaultTests : EmulatorTest
{
    [Theory]
    [InlineData("2")]
    [InlineData("Wed, 21 Oct 2026 07:28:00 GMT")]
    public async Task StatusFaultSendsRetryAfter(string retryAfter)
    {
        Server.Faults.Add("GET", "/billing/domains", Fault.Status(429, retryAfter));

        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.Equal(429, call.Status);
        Assert.Equal(retryAfter, string.Join(",", call.Response.Headers.GetValues("Retry-After")));
        Assert.False(call.Json.GetProperty("success").GetBoolean());
        Assert.Equal("RATE_LIMITED", call.Json.GetProperty("error_code").GetString());
        Assert.Equal(200, (await GetAsync("/billing/domains", DemoToken)).Status);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task StatusFaultWithoutRetryAfterHasAFailureEnvelope(int status)
    {
        Server.Faults.Add(null, "/billing/domains*", Fault.Status(status));

        ApiCall call = await GetAsync("/billing/domains/x.example.com", DemoToken);

        Assert.Equal(status, call.Status);
        Assert.False(call.Response.Headers.Contains("Retry-After"));
        Assert.False(call.Json.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task StatusFaultCanCarryACustomBody()
    {
        Server.Faults.Add(null, "/billing/domains", Fault.Status(500, body: "oops"));

        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.Equal("oops", call.Body);
    }

    [Fact]
    public async Task FaultWithoutAfterActionPreventsTheEffect()
    {
        Server.Faults.Add("POST", "/billing/domains", Fault.Status(503));

        Assert.Equal(503, (await CreateDomainAsync("track.example.com")).Status);
        Assert.Empty(Server.DomainsOf(Server.DemoAccount));
    }

    [Fact]
    public async Task HtmlFaultIsAnHtmlPage()
    {
        Server.Faults.Add(null, "/billing/domains", Fault.Html());

        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.Equal(502, call.Status);
        Assert.Equal("text/html", call.Response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", call.Body);
    }

    [Fact]
    public async Task DroppedConnectionFailsTheClient()
    {
        Server.Faults.Add("GET", "/billing/domains", Fault.DropConnection());

        Exception ex = await Assert.ThrowsAnyAsync<Exception>(() => GetAsync("/billing/domains", DemoToken));

        Assert.True(ex is HttpRequestException or IOException, ex.ToString());
        Assert.Equal(0, Server.Requests.Single().StatusCode);
        Assert.Equal(RequestOutcome.Dropped, Server.Requests.Single().Outcome);
        Assert.Equal(200, (await GetAsync("/billing/domains", DemoToken)).Status);
    }

    [Fact]
    public async Task DroppedConnectionAfterActionStillCreates()
    {
        Server.Faults.Add("POST", "/billing/domains", Fault.DropConnection() with { AfterAction = true });

        await Assert.ThrowsAnyAsync<Exception>(() => CreateDomainAsync("track.example.com"));

        Assert.Single(Server.DomainsOf(Server.DemoAccount));
    }

    [Fact]
    public async Task DelayFaultWaitsThenAnswersNormally()
    {
        Server.Faults.Add("GET", "/billing/domains", Fault.Delay(TimeSpan.FromMilliseconds(60)));

        var watch = Stopwatch.StartNew();
        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(50), watch.Elapsed.ToString());
        Assert.Equal(200, call.Status);
        Assert.True(call.Json.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task CreateThatTimesOutAfterTheServerActed()
    {
        Server.Faults.Add("POST", "/billing/domains", Fault.Delay(TimeSpan.FromSeconds(30)) with { AfterAction = true });
        using var giveUp = new CancellationTokenSource();
        Task<HttpResponseMessage> create = Http.SendAsync(
            Request(HttpMethod.Post, "/billing/domains", DemoToken, "{\"domain\":\"track.example.com\"}"), giveUp.Token);

        // The client gives up only once the server has acted, whatever the machine's speed.
        await WaitForAsync(() => Server.DomainsOf(Server.DemoAccount).Count == 1);
        giveUp.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => create);
        Assert.Single(Server.DomainsOf(Server.DemoAccount));
        await WaitForAsync(() => Server.Requests.Count == 1);
        Assert.Equal(0, Server.Requests[0].StatusCode);
        Assert.Equal(RequestOutcome.Abandoned, Server.Requests[0].Outcome);
    }

    [Fact]
    public async Task TruncatedJsonIsA200WithHalfTheBody()
    {
        Server.AddDomain(Server.DemoAccount, "track.example.com");
        Server.Faults.Add("GET", "/billing/domains/*", Fault.TruncatedJson());

        ApiCall call = await GetAsync("/billing/domains/track.example.com", DemoToken);

        Assert.Equal(200, call.Status);
        Assert.StartsWith("{\"success\":true", call.Body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(call.Body));
        string whole = (await GetAsync("/billing/domains/track.example.com", DemoToken)).Body;
        Assert.Equal(whole[..(whole.Length / 2)], call.Body);
    }

    [Fact]
    public async Task SuccessFalseIsA200Failure()
    {
        Server.Faults.Add("DELETE", "/billing/domains/*", Fault.SuccessFalse("CLOUDFLARE_ERROR", "Cloudflare said no"));
        Server.AddDomain(Server.DemoAccount, "track.example.com");

        ApiCall call = await DeleteAsync("/billing/domains/track.example.com", DemoToken);

        Assert.Equal(200, call.Status);
        Assert.False(call.Json.GetProperty("success").GetBoolean());
        Assert.Equal("CLOUDFLARE_ERROR", call.Json.GetProperty("error_code").GetString());
        Assert.Equal("Cloudflare said no", call.Json.GetProperty("error_message").GetString());
        Assert.Single(Server.DomainsOf(Server.DemoAccount));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(400)]
    public async Task ExpiredTokenFaultLooksLikeAnExpiredToken(int status)
    {
        Server.Faults.Add(null, "/billing/domains", Fault.ExpiredToken(status));

        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.Equal(status, call.Status);
        Assert.Equal("TOKEN_EXPIRED", call.Json.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task AfterActionCreatesTheDomainYetAnswersTheFault()
    {
        Server.Faults.Add("POST", "/billing/domains", Fault.Status(500) with { AfterAction = true });

        ApiCall call = await CreateDomainAsync("track.example.com");

        Assert.Equal(500, call.Status);
        Assert.Single(Server.DomainsOf(Server.DemoAccount));
        Assert.Equal("DOMAIN_EXISTS", (await CreateDomainAsync("track.example.com")).Json.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task TimesCountsMatchingRequestsOnly()
    {
        Server.Faults.Add("GET", "/billing/domains", Fault.Status(503), times: 2);

        Assert.Equal(200, (await PostAsync("/billing/domains/check", DemoToken, "{\"domain\":\"a.example.com\"}")).Status);
        Assert.Equal(503, (await GetAsync("/billing/domains", DemoToken)).Status);
        Assert.Equal(1, Server.Faults.Pending);
        Assert.Equal(503, (await GetAsync("/billing/domains", DemoToken)).Status);
        Assert.Equal(200, (await GetAsync("/billing/domains", DemoToken)).Status);
        Assert.Equal(0, Server.Faults.Pending);
    }

    [Fact]
    public async Task FaultsApplyInOrderOfAdd()
    {
        Server.Faults.Add(null, "/billing/*", Fault.Status(500));
        Server.Faults.Add(null, "/billing/domains", Fault.Status(503));

        Assert.Equal(500, (await GetAsync("/billing/domains", DemoToken)).Status);
        Assert.Equal(503, (await GetAsync("/billing/domains", DemoToken)).Status);
    }

    [Fact]
    public async Task MethodAndPathMustMatch()
    {
        Server.Faults.Add("DELETE", "/billing/domains", Fault.Status(500));
        Server.Faults.Add("GET", "/billing/domains/x.example.com", Fault.Status(500));

        Assert.Equal(200, (await GetAsync("/billing/domains", DemoToken)).Status);
        Assert.Equal(2, Server.Faults.Pending);
    }

    [Fact]
    public async Task FaultsCanTargetValidate()
    {
        Server.Faults.Add("POST", "/auth/validate", Fault.Status(503));

        Assert.Equal(503, (await ValidateAsync(DemoToken)).Status);
        Assert.Equal(200, (await ValidateAsync(DemoToken)).Status);
    }

    [Fact]
    public async Task ClearRemovesQueuedFaults()
    {
        Server.Faults.Add(null, "/billing/domains", Fault.Status(500), times: 5);
        Server.Faults.Clear();

        Assert.Equal(200, (await GetAsync("/billing/domains", DemoToken)).Status);
    }

}
