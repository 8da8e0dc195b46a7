using System.Diagnostics;
using System.Management.Automation;
using FunnelFlux.Emulator;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// Invoke-FFApiRequest keeps the typed cmdlets' safety: a GET is retried after 429 and 5xx; a
/// POST or DELETE is repeated only when the server surely did not act (429) and never once it
/// may have; -WhatIf sends nothing that changes anything; a DELETE asks first; Ctrl+C stops a
/// request. Every count comes from the emulator's request log.
/// </summary>
public sealed class InvokeFFApiRequestSafetyTests : IClassFixture<EmulatorShellFixture>, IDisposable
{
    private readonly EmulatorShellFixture _f;
    private readonly EmulatorServer _server;

    public InvokeFFApiRequestSafetyTests(EmulatorShellFixture fixture)
    {
        _f = fixture;
        _server = fixture.Server;
        _f.StartClean();
    }

    private ScriptResult Run(string script, params object?[] args) => _f.Shell.Run(script, args);

    private int Count(string method, string path) => _server.Requests.Count(r => r.Method == method && r.Path == "/v1/" + path);

    /// <summary>Waits briefly for requests the client abandoned (a dropped connection) to be logged.</summary>
    private int CountSettled(string method, string path, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(3);
        while (Count(method, path) < expected && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }
        return Count(method, path);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void AGetIsRetriedAfterRateLimitingAndServerErrors(int status)
    {
        _server.Faults.Add("GET", "/billing/domains", Fault.Status(status, "0"), times: 2);

        var result = Run("(Invoke-FFApiRequest GET billing/domains -StatusCodeVariable code).success; $code");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new object[] { true, 200 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(3, Count("GET", "billing/domains"));
    }

    [Fact]
    public void AGetIsRetriedWithBackoffWhenTheServerGivesNoRetryAfter()
    {
        _server.Faults.Add("GET", "/billing/domains", Fault.Status(503));

        var result = Run("Invoke-FFApiRequest GET billing/domains -Verbose");

        Assert.Empty(result.AllErrors);
        Assert.Equal(2, Count("GET", "billing/domains"));
        Assert.Contains(result.Verbose, v => v.Message.Contains("backoff with jitter"));
    }

    [Fact]
    public void AGetWhoseConnectionDropsIsRetried()
    {
        _server.Faults.Add("GET", "/billing/domains", Fault.DropConnection());

        var result = Run("(Invoke-FFApiRequest GET billing/domains).success");

        Assert.Empty(result.AllErrors);
        Assert.Equal(true, Assert.Single(result.Output).BaseObject);
        Assert.Equal(2, CountSettled("GET", "billing/domains", 2));
    }

    [Fact]
    public void RateLimitingThatOutlastsTheRetriesIsLimitsExceeded()
    {
        _server.Faults.Add("GET", "/billing/domains", Fault.Status(429, "0"), times: 20);

        var result = Run("Invoke-FFApiRequest GET billing/domains");

        var error = Assert.Single(result.Errors);
        Assert.Equal("RATE_LIMITED,FunnelFlux.Commands.InvokeFFApiRequestCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("after 5 attempts", error.Exception.Message);
        Assert.Equal(5, Count("GET", "billing/domains"));
    }

    [Theory]
    [InlineData("POST", "billing/domains")]
    [InlineData("DELETE", "billing/domains/acted.example.com")]
    public void AChangingRequestIsNotResentAfterAServerErrorOnceTheServerActed(string method, string path)
    {
        _server.AddDomain(_server.DemoAccount, "acted.example.com");
        _server.Faults.Add(method, "/" + path, Fault.Status(503, "0") with { AfterAction = true });

        var result = Run("Invoke-FFApiRequest $args[0] $args[1] -Body $args[2] -Force", method, path,
            method == "POST" ? "{\"domain\":\"new.example.com\"}" : null);

        var error = Assert.Single(result.Errors);
        Assert.Equal("SERVICE_UNAVAILABLE,FunnelFlux.Commands.InvokeFFApiRequestCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("may have been carried out", error.Exception.Message);
        Assert.Contains("GET", error.ErrorDetails.RecommendedAction);
        Assert.Equal(path, error.TargetObject);
        Assert.Equal(1, Count(method, path));
        // The server did act: the create happened once, or the delete did.
        Assert.Equal(method == "POST" ? new[] { "acted.example.com", "new.example.com" } : Array.Empty<string>(),
            _server.DomainsOf(_server.DemoAccount).Select(d => d.Domain));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public void AServerErrorWithoutAnErrorCodeAfterAChangingRequestIsOperationOutcomeUnknown(int status)
    {
        // An HTML error page gives no error_code; "ServiceUnavailable" would read as "nothing was done".
        _server.Faults.Add("POST", "/billing/domains", Fault.Html(status) with { AfterAction = true });

        var result = Run("Invoke-FFApiRequest POST billing/domains -Body '{\"domain\":\"html.example.com\"}'");

        var error = Assert.Single(result.Errors);
        Assert.Equal("OperationOutcomeUnknown,FunnelFlux.Commands.InvokeFFApiRequestCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains($"answered {status}", error.Exception.Message);
        Assert.Contains("may have been carried out", error.Exception.Message);
        Assert.Contains("GET", error.ErrorDetails.RecommendedAction);
        Assert.Equal(1, Count("POST", "billing/domains"));
        Assert.Contains("html.example.com", _server.DomainsOf(_server.DemoAccount).Select(d => d.Domain));
    }

    [Theory]
    [InlineData("POST", "billing/domains")]
    [InlineData("DELETE", "billing/domains/dropped.example.com")]
    public void AChangingRequestWhoseConnectionClosesAfterActingIsReportedNotResent(string method, string path)
    {
        _server.AddDomain(_server.DemoAccount, "dropped.example.com");
        _server.Faults.Add(method, "/" + path, Fault.DropConnection() with { AfterAction = true });

        var result = Run("Invoke-FFApiRequest $args[0] $args[1] -Body $args[2] -Force", method, path,
            method == "POST" ? "{\"domain\":\"other.example.com\"}" : null);

        var error = Assert.Single(result.Errors);
        Assert.Equal("OperationOutcomeUnknown,FunnelFlux.Commands.InvokeFFApiRequestCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("was not sent again", error.ErrorDetails.RecommendedAction);
        Assert.Equal(1, CountSettled(method, path, 1));
        Thread.Sleep(200);
        Assert.Equal(1, Count(method, path));
    }

    [Theory]
    [InlineData("DELETE", "billing/domains/closed.example.com", true)]
    [InlineData("POST", "billing/domains", true)]
    [InlineData("POST", "billing/domains", false)]
    public void AChangingRequestWhoseConnectionClosesSilentlyIsOnTheWireOnce(string method, string path, bool afterAction)
    {
        // A silent close on a kept-alive connection is what makes .NET's pool send a request again;
        // the GET first puts the connection in the pool.
        _server.AddDomain(_server.DemoAccount, "closed.example.com");
        _server.Faults.Add(method, "/" + path, Fault.Close() with { AfterAction = afterAction });

        var result = Run("$null = Invoke-FFApiRequest GET billing/domains; Invoke-FFApiRequest $args[0] $args[1] -Body $args[2] -Force", method, path,
            method == "POST" ? "{\"domain\":\"made.example.com\"}" : null);

        var error = Assert.Single(result.Errors);
        Assert.Equal("OperationOutcomeUnknown,FunnelFlux.Commands.InvokeFFApiRequestCommand", error.FullyQualifiedErrorId);
        Assert.Equal(1, CountSettled(method, path, 1));
        Thread.Sleep(200);
        var sent = Assert.Single(_server.Requests, r => r.Method == method && r.Path == "/v1/" + path);
        Assert.Equal(RequestOutcome.Closed, sent.Outcome);
        var expected = (method, afterAction) switch
        {
            ("DELETE", _) => Array.Empty<string>(),
            (_, true) => new[] { "closed.example.com", "made.example.com" },
            _ => new[] { "closed.example.com" },
        };
        Assert.Equal(expected, _server.DomainsOf(_server.DemoAccount).Select(d => d.Domain).Order());
    }

    [Fact]
    public void AGetWhoseConnectionClosesSilentlyIsRetried()
    {
        _server.Faults.Add("GET", "/billing/domains", Fault.Close());

        var result = Run("(Invoke-FFApiRequest GET billing/domains).success");

        Assert.Empty(result.AllErrors);
        Assert.Equal(true, Assert.Single(result.Output).BaseObject);
        Assert.Equal(new[] { RequestOutcome.Closed, RequestOutcome.Answered }, _server.Requests.Select(r => r.Outcome));
    }

    [Theory]
    [InlineData("GET", "billing/domains", 302)]
    [InlineData("POST", "billing/domains", 307)]
    [InlineData("DELETE", "billing/domains/moved.example.com", 308)]
    public void ARedirectIsNeverFollowedSoTheTokenStaysWithTheApi(string method, string path, int status)
    {
        _server.AddDomain(_server.DemoAccount, "moved.example.com");
        _server.Faults.Add(method, "/" + path, Fault.Redirect(status));

        var result = Run("Invoke-FFApiRequest $args[0] $args[1] -Body $args[2] -Force", method, path, method == "POST" ? "{\"domain\":\"x.example.com\"}" : null);

        var error = Assert.Single(result.Errors);
        Assert.Equal("UnexpectedRedirect,FunnelFlux.Commands.InvokeFFApiRequestCommand", error.FullyQualifiedErrorId);
        Assert.Contains($"answered {status}", error.Exception.Message);
        Assert.Equal(path, error.TargetObject);
        Assert.Equal(new[] { $"{method} /v1/{path}" }, _server.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public void AChangingRequestThatFailedBeforeActingIsStillNotResent()
    {
        // A 500 before acting looks the same to a client as one after: only 429 proves the server did nothing.
        _server.Faults.Add("POST", "/billing/domains", Fault.Status(500, "0"));

        var result = Run("Invoke-FFApiRequest POST billing/domains -Body @{ domain = 'not-made.example.com' }");

        Assert.Equal("INTERNAL_ERROR,FunnelFlux.Commands.InvokeFFApiRequestCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(1, Count("POST", "billing/domains"));
        Assert.Empty(_server.DomainsOf(_server.DemoAccount));
    }

    [Theory]
    [InlineData("POST", "billing/domains")]
    [InlineData("DELETE", "billing/domains/limited.example.com")]
    public void AChangingRequestIsRepeatedAfterRateLimitingBecauseTheServerDidNotAct(string method, string path)
    {
        _server.AddDomain(_server.DemoAccount, "limited.example.com");
        _server.Faults.Add(method, "/" + path, Fault.Status(429, "0"));

        var result = Run("Invoke-FFApiRequest $args[0] $args[1] -Body $args[2] -Force -StatusCodeVariable code; $code", method, path,
            method == "POST" ? "{\"domain\":\"later.example.com\"}" : null);

        Assert.Empty(result.AllErrors);
        Assert.Equal(200, result.Output.Last().BaseObject);
        Assert.Equal(new[] { 429, 200 }, _server.Requests.Where(r => r.Method == method).Select(r => r.StatusCode));
        Assert.Equal(method == "POST" ? new[] { "later.example.com", "limited.example.com" } : Array.Empty<string>(),
            _server.DomainsOf(_server.DemoAccount).Select(d => d.Domain).Order());
    }

    [Theory]
    [InlineData("POST", "billing/domains", "{\"domain\":\"whatif.example.com\"}")]
    [InlineData("PUT", "reporting/update/cost/", "{}")]
    [InlineData("PATCH", "billing/domains/keep.example.com", "{}")]
    [InlineData("DELETE", "billing/domains/keep.example.com", null)]
    [InlineData("DELETE", "billing/domains/keep.example.com", null, "-Force")]
    public void WhatIfSendsNothingThatCouldChangeAnything(string method, string path, string? body, string extra = "")
    {
        _server.AddDomain(_server.DemoAccount, "keep.example.com");

        var result = Run($"Invoke-FFApiRequest $args[0] $args[1] -Body $args[2] -WhatIf {extra}", method, path, body);

        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Output);
        Assert.Contains($"What if: Performing the operation \"Send a {method} request", result.HostText);
        Assert.Contains($"on target \"{method} {_server.BaseUri.AbsoluteUri.TrimEnd('/')}/{path}\"", result.HostText);
        Assert.Empty(_server.Requests);
        Assert.Equal(new[] { "keep.example.com" }, _server.DomainsOf(_server.DemoAccount).Select(d => d.Domain));
    }

    [Fact]
    public void WhatIfPreferenceAlsoSendsNothing()
    {
        // In a child scope, so the preference does not outlive this test in the shared runspace.
        var result = Run("& { $WhatIfPreference = $true; Invoke-FFApiRequest POST billing/domains -Body @{ domain = 'pref.example.com' } }");

        Assert.Contains("What if:", result.HostText);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void AGetIsSentEvenUnderWhatIfBecauseItChangesNothing()
    {
        var result = Run("(Invoke-FFApiRequest GET billing/domains -WhatIf).success");

        Assert.Equal(true, Assert.Single(result.Output).BaseObject);
        Assert.DoesNotContain("What if:", result.HostText);
        Assert.Equal(1, Count("GET", "billing/domains"));
    }

    [Fact]
    public void ADeleteAsksFirstAndNoMeansNothingIsSent()
    {
        _server.AddDomain(_server.DemoAccount, "ask.example.com");
        var ui = _f.Shell.Host.CapturingUI;
        ui.ChoiceToPick = "&No";
        try
        {
            var refused = Run("Invoke-FFApiRequest DELETE billing/domains/ask.example.com");

            Assert.Empty(refused.AllErrors);
            Assert.Contains(ui.Prompts, p => p.Contains("DELETE") && p.Contains("ask.example.com"));
            Assert.Empty(_server.Requests);

            ui.ChoiceToPick = "&Yes";
            var accepted = Run("Invoke-FFApiRequest DELETE billing/domains/ask.example.com");

            Assert.Empty(accepted.AllErrors);
            Assert.Equal(1, Count("DELETE", "billing/domains/ask.example.com"));
            Assert.Empty(_server.DomainsOf(_server.DemoAccount));
        }
        finally
        {
            ui.ChoiceToPick = null;
            ui.Prompts.Clear();
        }
    }

    [Fact]
    public void ForceOrConfirmFalseSkipThePromptAndAPostNeverAsksByDefault()
    {
        _server.AddDomain(_server.DemoAccount, "a.example.com");
        _server.AddDomain(_server.DemoAccount, "b.example.com");
        // No choice is scripted: any prompt would throw and fail the run.
        var result = Run(@"
            $null = Invoke-FFApiRequest DELETE billing/domains/a.example.com -Force
            $null = Invoke-FFApiRequest DELETE billing/domains/b.example.com -Confirm:$false
            $null = Invoke-FFApiRequest POST billing/domains -Body @{ domain = 'c.example.com' }
            $null = Invoke-FFApiRequest PUT billing/domains -Body @{ domain = 'c.example.com' } -ErrorAction SilentlyContinue");

        Assert.Null(result.Exception);
        Assert.Empty(_f.Shell.Host.CapturingUI.Prompts);
        Assert.Equal(new[] { "c.example.com" }, _server.DomainsOf(_server.DemoAccount).Select(d => d.Domain));
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public void ConfirmAsksBeforeAPost()
    {
        var ui = _f.Shell.Host.CapturingUI;
        ui.ChoiceToPick = "&No";
        try
        {
            var result = Run("Invoke-FFApiRequest POST billing/domains -Body @{ domain = 'asked.example.com' } -Confirm");

            Assert.Empty(result.AllErrors);
            Assert.Contains(ui.Prompts, p => p.Contains("Send a POST request"));
            Assert.Empty(_server.Requests);
        }
        finally
        {
            ui.ChoiceToPick = null;
            ui.Prompts.Clear();
        }
    }

    [Fact]
    public void CtrlCStopsARequestThatHangs()
    {
        _server.Faults.Add("GET", "/billing/domains", Fault.Delay(TimeSpan.FromSeconds(20)));
        var watch = new Stopwatch();

        var result = _f.Shell.Run("Invoke-FFApiRequest GET billing/domains", ps =>
        {
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (_server.InFlightRequests == 0 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
            watch.Start();
            ps.Stop();
            watch.Stop();
        });

        Assert.IsType<PipelineStoppedException>(result.Exception);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {watch.Elapsed}");
        Assert.Empty(result.Output);
    }

    public void Dispose()
    {
        _server.Faults.Clear();
        _f.Shell.Host.CapturingUI.ChoiceToPick = null;
    }
}
