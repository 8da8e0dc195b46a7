using FunnelFlux.Core.Tests.Support;
using FunnelFlux.Emulator;
using FunnelFlux.Errors;
using FunnelFlux.Requests;

namespace FunnelFlux.Core.Tests.Requests;

/// <summary>
/// The generic client sends through the session's own transport: the same renewal, retries and
/// error model as the typed clients, with a GET repeated and a changing request never resent
/// once the server may have acted. Counted from the emulator's request log.
/// </summary>
public class ApiCallClientTests
{
    [Fact]
    public async Task AGetIsRetriedAfterA503AndAnsweredWithHeaders()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("GET", "/billing/domains", Fault.Status(503));
        var client = new ApiCallClient(session);

        var result = await client.SendAsync(client.Prepare("GET", "billing/domains", null, null), api.Sink);

        Assert.Null(result.Failure);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, api.Count("GET", "billing/domains"));
        Assert.StartsWith("application/json", Assert.Single(result.Headers["Content-Type"]));
        Assert.Contains("\"domains\"", result.Body);
    }

    [Fact]
    public async Task APostIsNotResentAfterAServerErrorOnceTheServerActed()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("POST", "/billing/domains", Fault.Status(500) with { AfterAction = true });
        var client = new ApiCallClient(session);

        var result = await client.SendAsync(client.Prepare("POST", "billing/domains", null, "{\"domain\":\"once.example.com\"}"), api.Sink);

        Assert.Equal(1, api.Count("POST", "billing/domains"));
        Assert.Single(api.Server.DomainsOf(api.Server.DemoAccount));
        var failure = Assert.IsType<FunnelFluxException>(result.Failure);
        Assert.Equal(FailureKind.OutcomeUnknown, failure.Kind);
        Assert.Contains("GET", failure.RecommendedAction);
        Assert.Equal("billing/domains", failure.Target);
    }

    [Fact]
    public async Task ADeleteWhoseConnectionClosesAfterActingIsReportedNotResent()
    {
        await using var api = await TestApi.StartAsync();
        api.Server.AddDomain(api.Server.DemoAccount, "gone.example.com");
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("DELETE", "/billing/domains/gone.example.com", Fault.DropConnection() with { AfterAction = true });
        var client = new ApiCallClient(session);

        var error = await Assert.ThrowsAsync<FunnelFluxException>(() =>
            client.SendAsync(client.Prepare("DELETE", "billing/domains/gone.example.com", null, null), api.Sink));

        Assert.Equal(FailureKind.OutcomeUnknown, error.Kind);
        Assert.Equal("OperationOutcomeUnknown", error.ErrorId);
        Assert.Equal(1, await api.CountSettledAsync("DELETE", "billing/domains/gone.example.com", 1));
        Assert.Empty(api.Server.DomainsOf(api.Server.DemoAccount));
    }

    [Fact]
    public async Task ARateLimitedPostIsRepeatedBecauseTheServerDidNotActOnIt()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.Faults.Add("POST", "/billing/domains", Fault.Status(429, "2"));
        var client = new ApiCallClient(session);

        var result = await client.SendAsync(client.Prepare("POST", "billing/domains", null, "{\"domain\":\"later.example.com\"}"), api.Sink);

        Assert.Null(result.Failure);
        Assert.Equal(2, api.Count("POST", "billing/domains"));
        Assert.Equal(TimeSpan.FromSeconds(2), Assert.Single(api.Time.Delays));
        Assert.Single(api.Server.DomainsOf(api.Server.DemoAccount));
    }

    [Fact]
    public async Task AnExpiredTokenIsRenewedOnceAndTheRequestRepeated()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.ExpireAccessToken(api.Server.DemoAccount.AccessToken);
        api.Server.ClearRequests();
        var client = new ApiCallClient(session);

        var result = await client.SendAsync(client.Prepare("POST", "billing/domains", null, "{\"domain\":\"renewed.example.com\"}"), api.Sink);

        Assert.Null(result.Failure);
        Assert.Equal(new[] { "POST /v1/billing/domains 401", "POST /v1/auth/validate 200", "POST /v1/billing/domains 200" },
            api.Server.Requests.Select(r => $"{r.Method} {r.Path} {r.StatusCode}"));
        Assert.Single(api.Server.DomainsOf(api.Server.DemoAccount));
    }

    [Fact]
    public async Task AFailureEnvelopeBecomesTheSameErrorModelAsTheDomainClient()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        var client = new ApiCallClient(session);

        var missing = await client.SendAsync(client.Prepare("GET", "billing/domains/missing.example.com", null, null), api.Sink);
        var unknown = await client.SendAsync(client.Prepare("GET", "ledger/nothing-here", null, null), api.Sink);
        api.Server.Faults.Add("GET", "/billing/domains", Fault.SuccessFalse("QUOTA_REACHED", "Too many domains"));
        var successFalse = await client.SendAsync(client.Prepare("GET", "billing/domains", null, null), api.Sink);

        Assert.Equal("NOT_FOUND", missing.Failure!.ErrorId);
        Assert.Equal(FailureKind.NotFound, missing.Failure.Kind);
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("NOT_FOUND", unknown.Failure!.ErrorId);
        Assert.Contains("No such API endpoint", unknown.Failure.Message);
        Assert.Equal("QUOTA_REACHED", successFalse.Failure!.ErrorId);
        Assert.Equal(200, successFalse.StatusCode);
    }

    [Fact]
    public async Task DebugShowsBodiesWithSecretFieldsMasked()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        var client = new ApiCallClient(session);

        await client.SendAsync(client.Prepare("POST", "billing/domains", null, "{\"domain\":\"d.example.com\",\"api_token\":\"do-not-show\"}"), api.Sink);

        var debug = api.Sink.Messages.Where(m => m.StartsWith("DEBUG:")).ToList();
        Assert.Contains(debug, m => m.Contains("body: {\"domain\":\"d.example.com\",\"api_token\":\"***\"}"));
        Assert.Contains(debug, m => m.Contains("answer (200)") && m.Contains("d.example.com"));
        Assert.DoesNotContain(api.Sink.Messages, m => m.Contains("do-not-show"));
    }

    [Fact]
    public async Task WithoutDebugNoBodyIsMaskedOrShown()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        var client = new ApiCallClient(session);
        var sink = new RecordingSink(debug: false);

        var result = await client.SendAsync(client.Prepare("POST", "billing/domains", null, "{\"domain\":\"quiet.example.com\"}"), sink);

        Assert.Equal(200, result.StatusCode);
        Assert.NotEmpty(sink.Messages);
        Assert.DoesNotContain(sink.Messages, m => m.StartsWith("DEBUG:"));
    }

    [Fact]
    public async Task NothingIsSentForARefusedRequest()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.ClearRequests();
        var client = new ApiCallClient(session);

        Assert.Throws<ApiPathRefusedException>(() => client.Prepare("GET", "https://evil.example.com/v1/billing/domains", null, null));
        Assert.Equal("BodyNotAllowed", Assert.Throws<RequestRefusedException>(() => client.Prepare("GET", "billing/domains", null, "{}")).ErrorId);
        Assert.Equal("InvalidMethod", Assert.Throws<RequestRefusedException>(() => client.Prepare("TRACE", "billing/domains", null, null)).ErrorId);

        Assert.Empty(api.Server.Requests);
    }

    [Fact]
    public async Task TheQueryTravelsEncodedAndRepeated()
    {
        await using var api = await TestApi.StartAsync();
        using var session = await api.ConnectAsync();
        api.Server.ClearRequests();
        var client = new ApiCallClient(session);
        var query = new[]
        {
            new KeyValuePair<string, object?>("idFunnel", "3a0HFXEabcde"),
            new KeyValuePair<string, object?>("tag", new List<object?> { "a b", "c&d" }),
        };

        var call = client.Prepare("GET", "billing/domains", query, null);
        await client.SendAsync(call, api.Sink);

        Assert.Equal("idFunnel=3a0HFXEabcde&tag=a%20b&tag=c%26d", Assert.Single(api.Server.Requests).Query);
        Assert.Equal(api.Server.BaseUri + "/billing/domains?idFunnel=3a0HFXEabcde&tag=a%20b&tag=c%26d", call.Uri.AbsoluteUri);
    }
}
