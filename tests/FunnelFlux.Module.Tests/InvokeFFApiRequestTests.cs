using System.Management.Automation;
using FunnelFlux.Emulator;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// Invoke-FFApiRequest end to end against the emulator: what reaches the wire (method, path,
/// query, JSON body, headers, checked in the request log), the one-line list/create/delete, token
/// renewal in the middle of a script, -Context with two accounts, -Verbose/-Debug and completion.
/// </summary>
public sealed class InvokeFFApiRequestTests : IClassFixture<EmulatorShellFixture>
{
    private readonly EmulatorShellFixture _f;
    private readonly EmulatorServer _server;

    public InvokeFFApiRequestTests(EmulatorShellFixture fixture)
    {
        _f = fixture;
        _server = fixture.Server;
        _f.StartClean();
    }

    private ScriptResult Run(string script, params object?[] args) => _f.Shell.Run(script, args);

    private string Api => _server.BaseUri.AbsoluteUri.TrimEnd('/');

    [Fact]
    public void ListCreateAndDeleteEachTakeOneLine()
    {
        var created = Run("Invoke-FFApiRequest POST billing/domains -Body @{ domain = 'one.example.com' }");
        var listed = Run("(Invoke-FFApiRequest GET billing/domains).domains.domain");
        var deleted = Run("Invoke-FFApiRequest DELETE billing/domains/one.example.com -Force");

        Assert.Empty(created.AllErrors);
        var answer = Assert.Single(created.Output);
        Assert.Equal(true, answer.Properties["success"].Value);
        var domain = PSObject.AsPSObject(answer.Properties["domain"].Value);
        Assert.Equal("one.example.com", domain.Properties["domain"].Value);
        Assert.Equal("_acme-challenge.one.example.com", PSObject.AsPSObject(domain.Properties["ssl"].Value).Properties["txt_name"].Value);
        Assert.Equal(new object[] { "one.example.com" }, listed.Output.Select(o => o.BaseObject));
        Assert.Empty(deleted.AllErrors);
        Assert.Equal(true, Assert.Single(deleted.Output).Properties["success"].Value);
        Assert.Empty(_server.DomainsOf(_server.DemoAccount));
        Assert.Equal(
            new[] { "POST /v1/billing/domains 200", "GET /v1/billing/domains 200", "DELETE /v1/billing/domains/one.example.com 200" },
            _server.Requests.Select(r => $"{r.Method} {r.Path} {r.StatusCode}"));
    }

    [Fact]
    public void TheRequestLogShowsMethodPathJsonBodyAndHeaders()
    {
        var result = Run("Invoke-FFApiRequest POST /billing/domains -Body ([ordered]@{ domain = 'log.example.com' })");

        Assert.Empty(result.AllErrors);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/billing/domains", request.Path);
        Assert.Null(request.Query);
        Assert.Equal("{\"domain\":\"log.example.com\"}", request.Body);
        Assert.True(request.HadAuthorization);
        Assert.Equal("application/json; charset=utf-8", request.Headers["Content-Type"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.StartsWith("FunnelFlux-PowerShell/", request.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal(Encoding("{\"domain\":\"log.example.com\"}").ToString(), request.Headers["Content-Length"]);
    }

    private static int Encoding(string text) => System.Text.Encoding.UTF8.GetByteCount(text);

    [Fact]
    public void AGetSendsNoBodyAndTheQueryEncodedWithArraysAsRepeatedKeys()
    {
        var result = Run("Invoke-FFApiRequest GET billing/domains -Query ([ordered]@{ idFunnel = '3a0HFXEabcde'; tag = 'a b', 'c&d=e'; on = $true; name = 'caf\u00e9'; none = $null })");

        Assert.Empty(result.AllErrors);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/billing/domains", request.Path);
        Assert.Equal("idFunnel=3a0HFXEabcde&tag=a%20b&tag=c%26d%3De&on=true&name=caf%C3%A9&none=", request.Query);
        Assert.Null(request.Body);
        Assert.False(request.Headers.ContainsKey("Content-Type"));
    }

    [Fact]
    public void AFullUrlInsideTheApiUriIsSentAsTheSamePath()
    {
        _server.AddDomain(_server.DemoAccount, "full.example.com");

        var result = Run("Invoke-FFApiRequest GET $args[0]", Api + "/billing/domains/full.example.com");

        Assert.Empty(result.AllErrors);
        Assert.Equal("full.example.com", PSObject.AsPSObject(Assert.Single(result.Output).Properties["domain"].Value).Properties["domain"].Value);
        Assert.Equal("/v1/billing/domains/full.example.com", Assert.Single(_server.Requests).Path);
    }

    [Fact]
    public void AnExpiredTokenIsRenewedInTheMiddleOfAScriptAndEveryRequestSentOnce()
    {
        var result = Run(@"
            $null = Invoke-FFApiRequest GET billing/domains
            $args[0].Invoke()
            $created = Invoke-FFApiRequest POST billing/domains -Body @{ domain = 'renew.example.com' }
            $null = Invoke-FFApiRequest DELETE billing/domains/renew.example.com -Force
            $created.domain.domain",
            (Action)(() => _server.ExpireAccessToken(_server.DemoAccount.AccessToken)));

        Assert.Empty(result.AllErrors);
        Assert.Equal("renew.example.com", Assert.Single(result.Output).BaseObject);
        Assert.Equal(
            new[]
            {
                "GET /v1/billing/domains 200",
                "POST /v1/billing/domains 401",
                "POST /v1/auth/validate 200",
                "POST /v1/billing/domains 200",
                "DELETE /v1/billing/domains/renew.example.com 200",
            },
            _server.Requests.Select(r => $"{r.Method} {r.Path} {r.StatusCode}"));
        Assert.Empty(_server.DomainsOf(_server.DemoAccount));
    }

    [Fact]
    public void ContextChoosesTheAccountForEachRequest()
    {
        var second = _server.CreateAccount("second");
        _server.AddDomain(_server.DemoAccount, "demo-only.example.com");
        _server.AddDomain(second, "second-only.example.com");

        var result = Run(@"
            $demo = Connect-FFAccount -AccessToken $args[0] -RefreshToken $args[1] -ApiUri $args[4] -PassThru
            $other = Connect-FFAccount -AccessToken $args[2] -RefreshToken $args[3] -ApiUri $args[4] -PassThru
            (Invoke-FFApiRequest GET billing/domains -Context $demo).domains.domain
            (Invoke-FFApiRequest GET billing/domains -Context $other).domains.domain
            (Invoke-FFApiRequest GET billing/domains).domains.domain
            $null = Invoke-FFApiRequest POST billing/domains -Body @{ domain = 'made-in-demo.example.com' } -Context $demo",
            EmulatorShellFixture.Secure(_server.DemoAccount.AccessToken), EmulatorShellFixture.Secure(_server.DemoAccount.RefreshToken),
            EmulatorShellFixture.Secure(second.AccessToken), EmulatorShellFixture.Secure(second.RefreshToken), _server.BaseUri);

        Assert.Empty(result.AllErrors);
        // The last Connect-FFAccount is the current session: the third list is the second account's.
        Assert.Equal(new object[] { "demo-only.example.com", "second-only.example.com", "second-only.example.com" }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(new[] { "demo-only.example.com", "made-in-demo.example.com" }, _server.DomainsOf(_server.DemoAccount).Select(d => d.Domain));
        Assert.Equal(new[] { "second-only.example.com" }, _server.DomainsOf(second).Select(d => d.Domain));
    }

    [Fact]
    public void WithoutASessionItIsNotConnectedAndSendsNothing()
    {
        Run("Disconnect-FFAccount");
        _server.ClearRequests();
        try
        {
            var result = Run("Invoke-FFApiRequest GET billing/domains");

            var error = Assert.Single(result.AllErrors);
            Assert.Equal("NotConnected,FunnelFlux.Commands.InvokeFFApiRequestCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Empty(_server.Requests);
        }
        finally
        {
            Assert.Empty(_f.Connect().AllErrors);
        }
    }

    [Fact]
    public void VerboseShowsTheRequestLineStatusAndRetries()
    {
        _server.Faults.Add("GET", "/billing/domains", Fault.Status(503, "0"));

        var result = Run("Invoke-FFApiRequest GET billing/domains -Query @{ limit = 5 } -Verbose");

        Assert.Empty(result.AllErrors);
        string line = $"GET {Api}/billing/domains?limit=5";
        Assert.Contains(result.Verbose, v => v.Message.StartsWith(line + " -> 503", StringComparison.Ordinal));
        Assert.Contains(result.Verbose, v => v.Message.StartsWith(line + ": 503", StringComparison.Ordinal) && v.Message.Contains("retrying"));
        Assert.Contains(result.Verbose, v => v.Message.StartsWith(line + " -> 200 OK", StringComparison.Ordinal) && v.Message.Contains(" ms"));
    }

    [Fact]
    public void DebugShowsBothBodiesWithTokenLikeFieldsMasked()
    {
        // $DebugPreference rather than -Debug: for a compiled cmdlet -Debug also means Inquire, a prompt per message.
        var result = Run("& { $DebugPreference = 'Continue'; Invoke-FFApiRequest POST billing/domains -Body @{ domain = 'debug.example.com'; apiToken = 'tok-123'; nested = @{ Password = 'hunter2'; client_secret = 's3'; Authorization = 'Bearer x' } } }");

        var debug = string.Join("\n", result.Debug.Select(d => d.Message));
        Assert.Contains($"POST {Api}/billing/domains body: ", debug);
        Assert.Contains("\"apiToken\":\"***\"", debug);
        Assert.Contains("\"Password\":\"***\"", debug);
        Assert.Contains("\"client_secret\":\"***\"", debug);
        Assert.Contains("\"Authorization\":\"***\"", debug);
        Assert.Contains("\"domain\":\"debug.example.com\"", debug);
        Assert.Contains($"POST {Api}/billing/domains answer (200): ", debug);
        Assert.DoesNotContain("tok-123", debug);
        Assert.DoesNotContain("hunter2", debug);
        Assert.DoesNotContain("Bearer x", debug);
        // What the server received is the real body: masking is for display only.
        Assert.Contains("tok-123", Assert.Single(_server.Requests).Body);
    }

    [Fact]
    public void TabCompletesTheMethod()
    {
        var named = Run("(TabExpansion2 -inputScript 'Invoke-FFApiRequest -Method P' -cursorColumn 29).CompletionMatches.CompletionText");
        var positional = Run("(TabExpansion2 -inputScript 'Invoke-FFApiRequest D' -cursorColumn 21).CompletionMatches.CompletionText");

        Assert.Equal(new[] { "PATCH", "POST", "PUT" }, named.Output.Select(o => (string)o.BaseObject).Order());
        Assert.Equal(new object[] { "DELETE" }, positional.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void TheMethodIsCaseInsensitiveAndOthersAreRefused()
    {
        var lower = Run("Invoke-FFApiRequest get billing/domains");
        var other = Run("Invoke-FFApiRequest TRACE billing/domains");

        Assert.Empty(lower.AllErrors);
        Assert.Equal("GET", Assert.Single(_server.Requests).Method);
        Assert.StartsWith("ParameterArgumentValidationError", Assert.Single(other.AllErrors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }
}
