using System.Diagnostics;
using System.Text.Json;
using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

/// <summary>POST/DELETE /_emulator/faults queue and clear faults exactly as FaultPlan.Add does.</summary>
public sealed class ControlFaultTests : EmulatorTest
{
    private Task<ApiCall> QueueAsync(string json) => ControlAsync(HttpMethod.Post, "/faults", json);

    [Fact]
    public async Task StatusWithRetryAfterAndTimes()
    {
        ApiCall queued = await QueueAsync("{\"method\":\"GET\",\"path\":\"/billing/domains\",\"kind\":\"status\",\"statusCode\":429,\"retryAfter\":\"7\",\"times\":2}");

        Assert.Equal(201, queued.Status);
        Assert.Equal(2, queued.Json.GetProperty("pending").GetInt32());
        ApiCall first = await GetAsync("/billing/domains", DemoToken);
        Assert.Equal(429, first.Status);
        Assert.Equal("7", first.Response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("RATE_LIMITED", first.Json.GetProperty("error_code").GetString());
        Assert.Equal(429, (await GetAsync("/billing/domains", DemoToken)).Status);
        Assert.Equal(200, (await GetAsync("/billing/domains", DemoToken)).Status);
        Assert.Equal(0, (await ControlAsync(HttpMethod.Get, "/faults")).Json.GetProperty("pending").GetInt32());
    }

    [Fact]
    public async Task StatusWithACustomBody()
    {
        await QueueAsync("{\"path\":\"/billing/domains\",\"kind\":\"status\",\"statusCode\":503,\"body\":\"down for maintenance\"}");

        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.Equal(503, call.Status);
        Assert.Equal("down for maintenance", call.Body);
    }

    [Fact]
    public async Task ErrorIsAnEnvelopeWithAnyStatusAndTheRequestHasNoEffect()
    {
        await QueueAsync("{\"method\":\"POST\",\"path\":\"/billing/domains\",\"kind\":\"error\",\"statusCode\":400,\"errorCode\":\"INVALID_VERIFICATION_TOKEN\",\"errorMessage\":\"verification token mismatch\"}");

        ApiCall call = await CreateDomainAsync("track.example.com");

        Assert.Equal(400, call.Status);
        Assert.Equal(Sorted("success", "error_code", "error_message"), PropertyNames(call.Json));
        Assert.False(call.Json.GetProperty("success").GetBoolean());
        Assert.Equal("INVALID_VERIFICATION_TOKEN", call.Json.GetProperty("error_code").GetString());
        Assert.Equal("verification token mismatch", call.Json.GetProperty("error_message").GetString());
        Assert.Empty(Server.DomainsOf(Server.DemoAccount));
    }

    [Fact]
    public async Task AfterActionLetsTheRequestActFirst()
    {
        await QueueAsync("{\"method\":\"POST\",\"path\":\"/billing/domains\",\"kind\":\"status\",\"statusCode\":500,\"afterAction\":true}");

        Assert.Equal(500, (await CreateDomainAsync("track.example.com")).Status);
        Assert.Single(Server.DomainsOf(Server.DemoAccount));
    }

    [Fact]
    public async Task MethodNullOrStarMeansAnyAndPathPatternsArePrefixes()
    {
        Server.AddDomain(Server.DemoAccount, "a.example.com");
        await QueueAsync("{\"method\":null,\"path\":\"/billing/domains*\",\"kind\":\"html\"}");
        await QueueAsync("{\"method\":\"*\",\"path\":\"/v1/billing/domains/*\",\"kind\":\"html\",\"statusCode\":503}");

        ApiCall first = await DeleteAsync("/billing/domains/a.example.com", DemoToken);
        ApiCall second = await GetAsync("/billing/domains/a.example.com", DemoToken);

        Assert.Equal(502, first.Status);
        Assert.Equal("text/html", first.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("502 Bad Gateway", first.Body);
        Assert.Equal(503, second.Status);
        Assert.Contains("503 Service Unavailable", second.Body);
        Assert.Single(Server.DomainsOf(Server.DemoAccount));
    }

    [Fact]
    public async Task DropCutsTheAnswerOff()
    {
        await QueueAsync("{\"path\":\"/billing/domains\",\"kind\":\"drop\"}");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => GetAsync("/billing/domains", DemoToken));

        Assert.Equal(RequestOutcome.Dropped, Server.Requests.Single().Outcome);
    }

    [Fact]
    public async Task DelayWaitsThenAnswers()
    {
        await QueueAsync("{\"path\":\"/billing/domains\",\"kind\":\"delay\",\"milliseconds\":80}");

        var watch = Stopwatch.StartNew();
        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(70), watch.Elapsed.ToString());
        Assert.Equal(200, call.Status);
    }

    [Fact]
    public async Task TruncatedCutsTheJsonInHalf()
    {
        await QueueAsync("{\"path\":\"/billing/domains\",\"kind\":\"truncated\"}");

        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        const string Whole = "{\"success\":true,\"domains\":[]}";
        Assert.Equal(200, call.Status);
        Assert.Equal(Whole[..(Whole.Length / 2)], call.Body);
    }

    [Fact]
    public async Task SuccessFalseIsA200Failure()
    {
        Server.AddDomain(Server.DemoAccount, "a.example.com");
        await QueueAsync("{\"method\":\"DELETE\",\"path\":\"/billing/domains/*\",\"kind\":\"successFalse\",\"errorCode\":\"CLOUDFLARE_ERROR\",\"errorMessage\":\"Cloudflare said no\"}");

        ApiCall call = await DeleteAsync("/billing/domains/a.example.com", DemoToken);

        Assert.Equal(200, call.Status);
        Assert.False(call.Json.GetProperty("success").GetBoolean());
        Assert.Equal("CLOUDFLARE_ERROR", call.Json.GetProperty("error_code").GetString());
        Assert.Equal("Cloudflare said no", call.Json.GetProperty("error_message").GetString());
        Assert.Single(Server.DomainsOf(Server.DemoAccount));
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData(400, 400)]
    public async Task ExpiredTokenAnswersTokenExpired(int? statusCode, int expected)
    {
        string argument = statusCode is null ? string.Empty : $",\"statusCode\":{statusCode}";
        await QueueAsync("{\"path\":\"/billing/domains\",\"kind\":\"expiredToken\"" + argument + "}");

        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.Equal(expected, call.Status);
        Assert.Equal("TOKEN_EXPIRED", call.Json.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task CloseAfterActionDeletesThenClosesAndTheLogShowsTheResend()
    {
        Server.AddDomain(Server.DemoAccount, "a.example.com");
        await QueueAsync("{\"method\":\"DELETE\",\"path\":\"/billing/domains/*\",\"kind\":\"close\",\"afterAction\":true}");

        // HttpClient resends a bodyless request that met an orderly close before any answer byte.
        ApiCall call = await DeleteAsync("/billing/domains/a.example.com", DemoToken);

        Assert.Equal(404, call.Status);
        Assert.Empty(Server.DomainsOf(Server.DemoAccount));
        JsonElement[] logged = (await ControlAsync(HttpMethod.Get, "/requests")).Json.EnumerateArray().ToArray();
        Assert.Equal(new[] { "closed", "answered" }, logged.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(new[] { 0, 404 }, logged.Select(r => r.GetProperty("statusCode").GetInt32()));
    }

    [Fact]
    public async Task OversizeTakesItsSize()
    {
        await QueueAsync("{\"path\":\"/billing/domains\",\"kind\":\"oversize\",\"bytes\":123456}");

        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.Equal(123456, call.Body.Length);
        Assert.True(call.Json.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task SlowBodyTakesItsPace()
    {
        await QueueAsync("{\"path\":\"/billing/domains\",\"kind\":\"slowBody\",\"bytesPerChunk\":10,\"chunkDelayMs\":50}");

        var watch = Stopwatch.StartNew();
        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.Equal("{\"success\":true,\"domains\":[]}", call.Body);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(140), watch.Elapsed.ToString());
    }

    [Theory]
    [InlineData("{\"path\":\"/x\",\"kind\":\"oversize\",\"bytes\":10}", "'bytes' must be between 42 and")]
    [InlineData("{\"path\":\"/x\",\"kind\":\"slowBody\",\"bytesPerChunk\":0}", "'bytesPerChunk' must be between 1")]
    [InlineData("{\"path\":\"/x\",\"kind\":\"redirect\",\"statusCode\":304}", "301, 302, 303, 307 or 308")]
    [InlineData("{\"path\":\"/x\",\"kind\":\"close\",\"statusCode\":500}", "no argument 'statusCode'")]
    public async Task BadArgumentsOfTheNetworkKindsAreRefused(string json, string reason)
    {
        ApiCall call = await QueueAsync(json);

        Assert.Equal(400, call.Status);
        Assert.Contains(reason, call.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task DeleteClearsEveryQueuedFault()
    {
        await QueueAsync("{\"path\":\"/billing/domains\",\"kind\":\"status\",\"times\":5}");

        ApiCall cleared = await ControlAsync(HttpMethod.Delete, "/faults");

        Assert.Equal(204, cleared.Status);
        Assert.Equal(0, Server.Faults.Pending);
        Assert.Equal(200, (await GetAsync("/billing/domains", DemoToken)).Status);
    }

    [Theory]
    [InlineData("", "JSON object")]
    [InlineData("[1]", "JSON object")]
    [InlineData("{\"kind\":\"status\"", "not valid JSON")]
    [InlineData("{\"kind\":\"status\"}", "'path' is required")]
    [InlineData("{\"path\":\"/billing/domains\"}", "'kind' is required")]
    [InlineData("{\"path\":\"/x\",\"kind\":\"explode\"}", "Unknown fault kind 'explode'")]
    [InlineData("{\"path\":\"/x\",\"kind\":\"status\",\"status\":429}", "no argument 'status'")]
    [InlineData("{\"path\":\"/x\",\"kind\":\"drop\",\"milliseconds\":5}", "no argument 'milliseconds'")]
    [InlineData("{\"path\":\"/x\",\"kind\":\"status\",\"statusCode\":\"429\"}", "'statusCode' must be a whole number")]
    [InlineData("{\"path\":\"/x\",\"kind\":\"status\",\"statusCode\":99}", "between 200 and 599")]
    [InlineData("{\"path\":\"/x\",\"kind\":\"status\",\"times\":0}", "'times' must be")]
    [InlineData("{\"path\":\"/x\",\"kind\":\"status\",\"afterAction\":\"yes\"}", "'afterAction' must be")]
    [InlineData("{\"path\":\"/x\",\"kind\":\"delay\"}", "needs 'milliseconds'")]
    [InlineData("{\"path\":\"/x\",\"kind\":\"error\",\"statusCode\":400}", "needs 'errorCode'")]
    [InlineData("{\"method\":\"GET /x\",\"path\":\"/x\",\"kind\":\"status\"}", "'method' must be")]
    public async Task BadFaultsAreRefusedWithTheReason(string json, string reason)
    {
        ApiCall call = await QueueAsync(json);

        Assert.Equal(400, call.Status);
        Assert.Contains(reason, call.Json.GetProperty("error").GetString());
        Assert.Equal(0, Server.Faults.Pending);
    }

    [Fact]
    public async Task KindNamesIgnoreCase()
    {
        await QueueAsync("{\"path\":\"/billing/domains\",\"kind\":\"SUCCESSFALSE\",\"errorCode\":\"X\"}");

        ApiCall call = await GetAsync("/billing/domains", DemoToken);

        Assert.Equal("X", call.Json.GetProperty("error_code").GetString());
        Assert.Equal("Emulated X", call.Json.GetProperty("error_message").GetString());
    }
}
