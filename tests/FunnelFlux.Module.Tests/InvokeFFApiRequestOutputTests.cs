using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Numerics;
using FunnelFlux.Emulator;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// What Invoke-FFApiRequest writes: the three output types, exact numbers and strings that stay
/// strings, arrays item by item, empty and plain-text answers; and failure answers as the domain
/// cmdlets' ErrorRecords (error_code as ErrorId, a category that fits the status), with the
/// status and headers variables set either way.
/// </summary>
public sealed class InvokeFFApiRequestOutputTests : IClassFixture<EmulatorShellFixture>, IDisposable
{
    // Answers the emulator's domain routes never give, served through a fault's body.
    private const string Exact =
        "{\"count\":9223372036854775807,\"huge\":123456789012345678901234567890,\"money\":12345678901234567.89," +
        "\"ratio\":0.1,\"tiny\":1.5e-30,\"created_at\":\"2026-01-01T00:00:00Z\",\"nothing\":null,\"flag\":false,\"list\":[1,[2,{\"deep\":\"yes\"}]]}";

    private readonly EmulatorShellFixture _f;
    private readonly EmulatorServer _server;

    public InvokeFFApiRequestOutputTests(EmulatorShellFixture fixture)
    {
        _f = fixture;
        _server = fixture.Server;
        _f.StartClean();
    }

    private ScriptResult Run(string script, params object?[] args) => _f.Shell.Run(script, args);

    private void Answer(string body, int status = 200, string path = "/billing/domains", string? retryAfter = null, int times = 1) =>
        _server.Faults.Add("GET", path, Fault.Status(status, retryAfter, body), times);

    [Fact]
    public void TheDefaultIsCustomObjectsWithExactNumbersAndStringsKept()
    {
        Answer(Exact);

        var result = Run("Invoke-FFApiRequest GET billing/domains");

        Assert.Empty(result.AllErrors);
        var answer = Assert.Single(result.Output);
        Assert.IsType<PSCustomObject>(answer.BaseObject);
        Assert.Equal(new[] { "count", "huge", "money", "ratio", "tiny", "created_at", "nothing", "flag", "list" }, answer.Properties.Select(p => p.Name));
        Assert.Equal(long.MaxValue, answer.Properties["count"].Value);
        Assert.Equal(BigInteger.Parse("123456789012345678901234567890"), answer.Properties["huge"].Value);
        Assert.Equal(decimal.Parse("12345678901234567.89", System.Globalization.CultureInfo.InvariantCulture), answer.Properties["money"].Value);
        Assert.Equal(0.1m, answer.Properties["ratio"].Value);
        Assert.Equal(1.5e-30, answer.Properties["tiny"].Value);
        Assert.Equal("2026-01-01T00:00:00Z", answer.Properties["created_at"].Value);
        Assert.Null(answer.Properties["nothing"].Value);
        Assert.Equal(false, answer.Properties["flag"].Value);
        var list = Assert.IsType<object[]>(answer.Properties["list"].Value);
        Assert.Equal(1L, list[0]);
        var inner = Assert.IsType<object[]>(list[1]);
        Assert.Equal("yes", PSObject.AsPSObject(inner[1]).Properties["deep"].Value);
    }

    [Fact]
    public void ADeepAnswerIsReadWhole()
    {
        Answer(string.Concat(Enumerable.Repeat("{\"n\":", 1000)) + "\"leaf\"" + new string('}', 1000), times: 2);

        var result = Run("$o = Invoke-FFApiRequest GET billing/domains; 1..999 | ForEach-Object { $o = $o.n }; $o.n; $h = Invoke-FFApiRequest GET billing/domains -OutputType Hashtable; 1..999 | ForEach-Object { $h = $h['n'] }; $h['n']");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new object[] { "leaf", "leaf" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void HashtableOutputIsOrderedAndCaseInsensitive()
    {
        Answer(Exact);

        var result = Run("$h = Invoke-FFApiRequest GET billing/domains -OutputType Hashtable; $h; $h['COUNT']; $h['list'][1][1]['DEEP']");

        Assert.Empty(result.AllErrors);
        var answer = Assert.IsType<OrderedDictionary>(result.Output[0].BaseObject);
        Assert.Equal(new[] { "count", "huge", "money", "ratio", "tiny", "created_at", "nothing", "flag", "list" }, answer.Keys.Cast<string>());
        Assert.Equal(long.MaxValue, result.Output[1].BaseObject);
        Assert.Equal("yes", result.Output[2].BaseObject);
        Assert.Equal("2026-01-01T00:00:00Z", answer["created_at"]);
    }

    [Fact]
    public void JsonOutputIsTheTextExactlyAsItCame()
    {
        const string text = "{ \"success\" : true,\n  \"domains\" : [ ] }";
        Answer(text);

        var result = Run("Invoke-FFApiRequest GET billing/domains -OutputType Json");

        Assert.Empty(result.AllErrors);
        Assert.Equal(text, Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void AnArrayAnswerIsWrittenItemByItem()
    {
        Answer("[{\"a\":1},{\"a\":2},3]", times: 2);

        var result = Run("$items = @(Invoke-FFApiRequest GET billing/domains); $items.Count; (Invoke-FFApiRequest GET billing/domains -OutputType Json)");

        Assert.Equal(3, result.Output[0].BaseObject);
        Assert.Equal("[{\"a\":1},{\"a\":2},3]", result.Output[1].BaseObject);
    }

    [Fact]
    public void EmptyAndPlainTextAnswersAreWrittenAsTheyAre()
    {
        _server.Faults.Add("PUT", "/reporting/update/cost/", Fault.Status(200, body: ""));
        _server.Faults.Add("POST", "/reporting/update/reset/", Fault.Html(200));
        // Plain text labelled application/json by the server: still written as the text it is.
        _server.Faults.Add("PUT", "/reporting/update/conversions/", Fault.Status(200, body: "Update queued for processing"));

        var empty = Run("Invoke-FFApiRequest PUT reporting/update/cost/ -Body '{}' -StatusCodeVariable code; $code");
        var html = Run("Invoke-FFApiRequest POST reporting/update/reset/ -Body '{}'");
        var text = Run("Invoke-FFApiRequest PUT reporting/update/conversions/ -Body '{}'");

        Assert.Empty(empty.AllErrors);
        Assert.Equal(new object[] { 200 }, empty.Output.Select(o => o.BaseObject));
        Assert.Empty(html.AllErrors);
        Assert.Contains("<html>", (string)Assert.Single(html.Output).BaseObject);
        Assert.Empty(text.AllErrors);
        Assert.Equal("Update queued for processing", Assert.Single(text.Output).BaseObject);
    }

    [Fact]
    public void AnAnswerThatClaimsJsonButIsNotIsAnInvalidResult()
    {
        Answer("{\"success\":true,\"domains\":[");

        var result = Run("Invoke-FFApiRequest GET billing/domains");

        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidResponse,FunnelFlux.Commands.InvokeFFApiRequestCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains("-OutputType Json", error.ErrorDetails.RecommendedAction);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("POST", "billing/domains", "{\"domain\":\"kept.example.com\"}", "{\"success\":true,\"domain\":{\"domain\":\"kept.example.com\"")]
    [InlineData("POST", "billing/domains", "{\"domain\":\"kept.example.com\"}", "{\"id\":\"a\",\"ID\":\"b\"}")]
    public void AChangingRequestThatSucceededKeepsAnUnreadableAnswerAsTextWithAWarning(string method, string path, string body, string answer)
    {
        _server.Faults.Add(method, "/" + path, Fault.Status(201, null, answer) with { AfterAction = true });

        var result = Run("Invoke-FFApiRequest $args[0] $args[1] -Body $args[2]", method, path, body);

        // Not an error: the server acted, and an error would invite sending it again.
        Assert.Empty(result.Errors);
        Assert.Equal(answer, Assert.Single(result.Output).BaseObject);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("answered 201", warning.Message);
        Assert.Contains("Do not send the request again", warning.Message);
        Assert.Equal(1, _server.Requests.Count(r => r.Method == method && r.Path == "/v1/" + path));
        Assert.Contains("kept.example.com", _server.DomainsOf(_server.DemoAccount).Select(d => d.Domain));
    }

    [Fact]
    public void UnderWarningActionStopTheAnswerTextIsWrittenBeforeTheWarningEndsTheCommand()
    {
        _server.Faults.Add("POST", "/billing/domains", Fault.Status(200, null, "{\"success\":") with { AfterAction = true });

        var result = Run("try { Invoke-FFApiRequest POST billing/domains -Body '{\"domain\":\"stop.example.com\"}' -WarningAction Stop | ForEach-Object { \"got $_\" } } catch { 'stopped' }");

        Assert.Equal(new object[] { "got {\"success\":", "stopped" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void KeysThatDifferOnlyInCaseNeedTheJsonOutputType()
    {
        Answer("{\"id\":\"a\",\"ID\":\"b\"}", times: 2);

        var objects = Run("Invoke-FFApiRequest GET billing/domains");
        var text = Run("Invoke-FFApiRequest GET billing/domains -OutputType Json");

        Assert.Equal("InvalidResponse,FunnelFlux.Commands.InvokeFFApiRequestCommand", Assert.Single(objects.Errors).FullyQualifiedErrorId);
        Assert.Contains("'ID' twice", objects.Errors[0].Exception.Message);
        Assert.Equal("{\"id\":\"a\",\"ID\":\"b\"}", Assert.Single(text.Output).BaseObject);
    }

    [Fact]
    public void TheStatusAndHeaderVariablesAreClearedWhenNothingIsSent()
    {
        var result = Run(
            "Invoke-FFApiRequest GET billing/domains -StatusCodeVariable code -ResponseHeadersVariable headers | Out-Null; \"sent $code $($null -ne $headers)\"; " +
            "Invoke-FFApiRequest GET 'bad\\path' -StatusCodeVariable code -ResponseHeadersVariable headers -ErrorAction SilentlyContinue; \"refused $($null -eq $code) $($null -eq $headers)\"; " +
            "Invoke-FFApiRequest GET billing/domains -StatusCodeVariable code | Out-Null; " +
            "Invoke-FFApiRequest POST billing/domains -Body @{ domain = 'w.example.com' } -StatusCodeVariable code -WhatIf; \"whatif $($null -eq $code)\"");

        Assert.Equal(new object[] { "sent 200 True", "refused True True", "whatif True" }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(2, _server.Requests.Count(r => r.Path == "/v1/billing/domains"));
    }

    [Fact]
    public void AnUnknownRouteIsANonTerminatingObjectNotFoundNamingThePath()
    {
        var result = Run("Invoke-FFApiRequest GET ledger/unknown-route -StatusCodeVariable code; \"after $code\"");

        var error = Assert.Single(result.Errors);
        Assert.Null(result.Exception);
        Assert.Equal("NOT_FOUND,FunnelFlux.Commands.InvokeFFApiRequestCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("ledger/unknown-route", error.TargetObject);
        Assert.Contains("404", error.Exception.Message);
        Assert.Contains("No such API endpoint", error.Exception.Message);
        Assert.Contains("API reference", error.ErrorDetails.RecommendedAction);
        Assert.Equal("after 404", Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void ErrorCodesBecomeErrorIdsWithCategoriesThatFitTheStatus()
    {
        _server.AddDomain(_server.DemoAccount, "mine.example.com");
        var other = _server.CreateAccount("other");
        _server.AddDomain(other, "theirs.example.com");
        _server.Faults.Add("PATCH", "/billing/domains/mine.example.com", Fault.Error(422, "UNPROCESSABLE", "Cannot do that"));
        _server.Faults.Add("POST", "/billing/domains/check", Fault.Error(400, "INVALID_DOMAIN", "bad"));
        _server.Faults.Add("GET", "/billing/domains", Fault.SuccessFalse("QUOTA_REACHED", "Too many domains"));
        _server.Faults.Add("GET", "/billing/domains/mine.example.com", Fault.Status(200, body: "{\"success\":true,\"error_code\":\"PARTIAL\",\"error_message\":\"Only part of it\"}"));

        var result = Run(@"
            Invoke-FFApiRequest POST billing/domains -Body @{ domain = 'mine.example.com' }
            Invoke-FFApiRequest POST billing/domains -Body @{ domain = 'theirs.example.com' }
            Invoke-FFApiRequest PUT billing/domains -Body '{}'
            Invoke-FFApiRequest PATCH billing/domains/mine.example.com -Body '{}'
            Invoke-FFApiRequest POST billing/domains/check -Body @{ domain = 'x' }
            Invoke-FFApiRequest GET billing/domains
            Invoke-FFApiRequest GET billing/domains/mine.example.com");

        Assert.Null(result.Exception);
        Assert.Empty(result.Output);
        Assert.Equal(
            new[]
            {
                ("DOMAIN_EXISTS", ErrorCategory.ResourceExists),
                ("DOMAIN_ALREADY_OWNED", ErrorCategory.PermissionDenied),
                ("METHOD_NOT_ALLOWED", ErrorCategory.InvalidOperation),
                ("UNPROCESSABLE", ErrorCategory.InvalidData),
                ("INVALID_DOMAIN", ErrorCategory.InvalidArgument),
                ("QUOTA_REACHED", ErrorCategory.InvalidOperation),
                ("PARTIAL", ErrorCategory.InvalidOperation),
            },
            result.Errors.Select(e => (e.FullyQualifiedErrorId.Split(',')[0], e.CategoryInfo.Category)));
        Assert.All(result.Errors, e => Assert.NotNull(e.ErrorDetails?.RecommendedAction));
        Assert.Contains("Too many domains (QUOTA_REACHED)", result.Errors[5].Exception.Message);
    }

    [Fact]
    public void ARefreshTokenThatNoLongerWorksIsAnAuthenticationError()
    {
        // An account of its own, so the demo account's tokens stay good for the other tests.
        var account = _server.CreateAccount("revoked");
        var connected = Run("Connect-FFAccount -AccessToken $args[0] -RefreshToken $args[1] -ApiUri $args[2] -PassThru",
            EmulatorShellFixture.Secure(account.AccessToken), EmulatorShellFixture.Secure(account.RefreshToken), _server.BaseUri);
        _server.RevokeRefreshToken(account.RefreshToken);
        _server.ExpireAccessToken(account.AccessToken);

        var result = Run("Invoke-FFApiRequest GET billing/domains -Context $args[0]", Assert.Single(connected.Output));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("Settings > API Access", error.ErrorDetails.RecommendedAction);
        Assert.Equal(new[] { "GET 401", "POST 401" }, _server.Requests.Skip(1).Select(r => $"{r.Method} {r.StatusCode}"));
    }

    [Fact]
    public void ErrorActionStopMakesAFailureCatchable()
    {
        var result = Run("try { Invoke-FFApiRequest GET ledger/unknown-route -ErrorAction Stop; 'not here' } catch [FunnelFlux.Errors.FunnelFluxException] { 'caught ' + $_.FullyQualifiedErrorId }");

        Assert.Equal("caught NOT_FOUND,FunnelFlux.Commands.InvokeFFApiRequestCommand", Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void SkipHttpErrorCheckWritesTheFailureAnswerWithItsStatusAndHeaders()
    {
        _server.AddDomain(_server.DemoAccount, "pending.example.com");

        var result = Run(@"
            $check = Invoke-FFApiRequest POST billing/domains/check -Body @{ domain = 'pending.example.com' } -SkipHttpErrorCheck -StatusCodeVariable code -ResponseHeadersVariable headers
            $check.found; $code; $headers['content-type']
            $missing = Invoke-FFApiRequest GET billing/domains/missing.example.com -SkipHttpErrorCheck -StatusCodeVariable code
            $missing.error_code; $code");

        Assert.Empty(result.AllErrors);
        Assert.Equal(false, result.Output[0].BaseObject);
        Assert.Equal(200, result.Output[1].BaseObject);
        Assert.StartsWith("application/json", (string)PSObject.AsPSObject(result.Output[2]).BaseObject, StringComparison.Ordinal);
        Assert.Equal("NOT_FOUND", result.Output[3].BaseObject);
        Assert.Equal(404, result.Output[4].BaseObject);
    }

    [Fact]
    public void TheVariablesHoldTheLastAnswerAndAreClearedWhenNoneCame()
    {
        Answer("{\"success\":true}", retryAfter: "5");
        _server.Faults.Add("DELETE", "/billing/domains/x.example.com", Fault.DropConnection() with { AfterAction = true });

        var result = Run(@"
            $null = Invoke-FFApiRequest GET billing/domains -StatusCodeVariable code -ResponseHeadersVariable headers
            $code; $headers['Retry-After']; $headers.GetType().Name
            Invoke-FFApiRequest DELETE billing/domains/x.example.com -Force -StatusCodeVariable code -ResponseHeadersVariable headers -ErrorAction SilentlyContinue
            $null -eq $code; $null -eq $headers");

        Assert.Equal(200, result.Output[0].BaseObject);
        Assert.Equal("5", result.Output[1].BaseObject);
        Assert.StartsWith("Dictionary", (string)result.Output[2].BaseObject, StringComparison.Ordinal);
        Assert.Equal(true, result.Output[3].BaseObject);
        Assert.Equal(true, result.Output[4].BaseObject);
    }

    public void Dispose() => _server.Faults.Clear();
}
