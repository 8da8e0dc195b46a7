using System.Management.Automation;
using FunnelFlux.Emulator;
using FunnelFlux.Module.Tests.Hosting;
using FunnelFlux.Tests.Shared;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// Issue 8 as a user meets it: what the cmdlets send (counted on the emulator) and what they say,
/// for look-alike input, bad tokens, and the network faults the emulator can produce.
/// </summary>
public sealed class HardeningCommandTests : IClassFixture<EmulatorShellFixture>, IDisposable
{
    private readonly EmulatorShellFixture _f;
    private readonly EmulatorServer _server;

    public HardeningCommandTests(EmulatorShellFixture fixture)
    {
        _f = fixture;
        _server = fixture.Server;
        _f.StartClean();
    }

    private ScriptResult Run(string script, params object?[] args) => _f.Shell.Run(script, args);

    [Fact]
    public void RemoveFFDomainWithAZeroWidthSpaceDeletesNothing()
    {
        _server.AddDomain(_server.DemoAccount, "ab.example.com");

        var result = Run("Remove-FFDomain -Domain $args[0] -Force", "a\u200Bb.example.com");

        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidDomainName,FunnelFlux.Commands.RemoveFFDomainCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("U+200B ZERO WIDTH SPACE", error.Exception.Message);
        Assert.Empty(_server.Requests);
        Assert.Single(_server.DomainsOf(_server.DemoAccount), d => d.Domain == "ab.example.com");
    }

    [Fact]
    public void ADivisionSlashIsRefusedBeforeAnyRequest()
    {
        var result = Run("New-FFDomain -Domain $args[0]", "track.example.com\u2215x");

        Assert.Equal("InvalidDomainName,FunnelFlux.Commands.NewFFDomainCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void AMixedScriptNameIsWarnedAboutWithItsPunycodeFormBeforeAnythingChanges()
    {
        var preview = Run("New-FFDomain -Domain $args[0] -WhatIf", "\u0430pple.com");

        var warning = Assert.Single(preview.Warnings);
        Assert.Contains("xn--pple-43d.com", warning.Message);
        Assert.Contains("Cyrillic and Latin", warning.Message);
        Assert.Contains("What if:", preview.HostText);
        Assert.Empty(_server.Requests);

        var created = Run("New-FFDomain -Domain $args[0]", "\u0430pple.com");
        Assert.Single(created.Warnings);
        Assert.Empty(created.AllErrors);
        Assert.Equal(1, _f.Count("POST", "billing/domains"));
    }

    [Fact]
    public void AnOrdinaryInternationalNameGetsNoWarning()
    {
        var result = Run("New-FFDomain -Domain $args[0] -WhatIf", "bücher.example");

        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void ADeleteTheServerCarriedOutBeforeClosingSilentlyIsSentOnceAndReported()
    {
        _server.AddDomain(_server.DemoAccount, "closed.example.com");
        Assert.Empty(Run("Get-FFDomain").AllErrors); // a pooled, kept-alive connection for the delete
        _server.ClearRequests();
        _server.Faults.Add("DELETE", "/billing/domains/closed.example.com", Fault.Close() with { AfterAction = true });

        var result = Run("Remove-FFDomain -Domain closed.example.com -Force -Verbose");

        Assert.Empty(result.AllErrors);
        Assert.Equal(1, _f.Count("DELETE", "billing/domains/closed.example.com"));
        Assert.Empty(_server.DomainsOf(_server.DemoAccount));
        Assert.Contains(result.Verbose, v => v.Message.Contains("DELETE") && v.Message.Contains("closed before any answer"));
    }

    [Fact]
    public void WithMaxRetriesZeroAReadThatIsClosedSilentlyGoesOutOnce()
    {
        Assert.Empty(_f.Connect(extra: "-MaxRetries 0").AllErrors);
        _server.ClearRequests();
        _server.Faults.Add("GET", "/billing/domains", Fault.Close(), times: 20);

        var result = Run("Get-FFDomain");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("(1 attempt)", error.Exception.Message);
        Assert.Equal(1, _f.Count("GET", "billing/domains"));
    }

    [Fact]
    public void A400ThatMentionsATokenIsReportedAndTheCreateIsNotSentAgain()
    {
        _server.Faults.Add("POST", "/billing/domains", Fault.Error(400, "INVALID_VERIFICATION_TOKEN", "verification token mismatch"), times: 3);

        var result = Run("New-FFDomain -Domain verify.example.com");

        var error = Assert.Single(result.Errors);
        Assert.Equal("INVALID_VERIFICATION_TOKEN,FunnelFlux.Commands.NewFFDomainCommand", error.FullyQualifiedErrorId);
        Assert.Equal(1, _f.Count("POST", "billing/domains"));
        Assert.DoesNotContain(_server.Requests, r => r.Path == "/v1/auth/validate" && (r.Body ?? "").Contains("refresh_token"));
    }

    [Fact]
    public void RateLimitingBeyondTheCapIsLimitsExceededAtOnceSayingWhenToTryAgain()
    {
        _server.Faults.Add("GET", "/billing/domains", Fault.Status(429, "3600"), times: 5);

        var result = Run("Get-FFDomain");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Matches(@"until \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", error.Exception.Message);
        Assert.Matches(@"^Wait until \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", error.ErrorDetails.RecommendedAction);
        Assert.Equal(1, _f.Count("GET", "billing/domains"));

        // The session backs off as a whole: the next cmdlet is not sent either.
        var next = Run("Test-FFDomain -Domain other.example.com");
        Assert.Equal(ErrorCategory.LimitsExceeded, Assert.Single(next.Errors).CategoryInfo.Category);
        Assert.Equal(0, _f.Count("POST", "billing/domains/check"));
    }

    [Fact]
    public void ASlowAnswerPastTimeoutSecIsAnOperationTimeout()
    {
        Assert.Empty(_f.Connect(extra: "-TimeoutSec 1 -MaxRetries 0").AllErrors);
        _server.Faults.Add("GET", "/billing/domains", Fault.SlowBody(4, TimeSpan.FromMilliseconds(400)));

        var result = Run("Get-FFDomain");

        var error = Assert.Single(result.Errors);
        Assert.Equal("RequestTimedOut,FunnelFlux.Commands.GetFFDomainCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
    }

    [Fact]
    public void ARedirectNamesItsStatusAndTargetAndPointsAtTheAddress()
    {
        _server.Faults.Add("GET", "/billing/domains", Fault.Redirect(301));

        var result = Run("Get-FFDomain");

        var error = Assert.Single(result.Errors);
        Assert.Equal("UnexpectedRedirect,FunnelFlux.Commands.GetFFDomainCommand", error.FullyQualifiedErrorId);
        Assert.Contains("301", error.Exception.Message);
        Assert.Contains("/redirected/v1/billing/domains", error.Exception.Message);
        Assert.Contains("-ApiUri", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain("refresh token", error.ErrorDetails.RecommendedAction, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A403IsAboutApiAccess()
    {
        _server.Faults.Add("GET", "/billing/domains", Fault.Status(403));

        var result = Run("Get-FFDomain");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("Settings > API Access", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain("registered to another", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void AListWithoutDomainsIsAnInvalidResultNotAnEmptyAccount()
    {
        _server.Faults.Add("GET", "/billing/domains", Fault.Status(200, body: "{\"success\":true}"));

        var result = Run("Get-FFDomain");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void MaxResponseSizeMBBoundsTheAnswersOfTheSession()
    {
        Assert.Empty(_f.Connect(extra: "-MaxResponseSizeMB 1").AllErrors);
        _server.Faults.Add("GET", "/billing/domains", Fault.Oversize(2L * 1024 * 1024));

        var result = Run("Get-FFDomain");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ResponseTooLarge,FunnelFlux.Commands.GetFFDomainCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains("1 MB", error.Exception.Message);
    }

    [Theory]
    [InlineData("abc\ndef", "AccessTokenMalformed", "line break")]
    [InlineData("abc d\u00e9f", "AccessTokenMalformed", "space")]
    // NetworkCredential would cut the text at the NUL and send "abc".
    [InlineData("abc\0def", "AccessTokenMalformed", "control character")]
    public void AnAccessTokenThatCannotTravelInAHeaderIsInvalidArgumentBeforeAnyRequest(string token, string errorId, string what)
    {
        _server.ClearRequests();
        var result = _f.Shell.Run("Connect-FFAccount -AccessToken $args[0] -RefreshToken $args[1] -ApiUri $args[2]",
            EmulatorShellFixture.Secure(token), EmulatorShellFixture.Secure(_server.DemoAccount.RefreshToken), _server.BaseUri);

        var error = Assert.Single(result.AllErrors);
        Assert.Equal(errorId + ",FunnelFlux.Commands.ConnectFFAccountCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(what, error.Exception.Message);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    // What Read-Host -AsSecureString returns for Enter, and a paste of nothing but spaces.
    [InlineData("", "ok", "AccessTokenEmpty", "-AccessToken is empty")]
    [InlineData("  ", "ok", "AccessTokenEmpty", "-AccessToken holds only white space")]
    [InlineData("ok", "", "RefreshTokenEmpty", "-RefreshToken is empty")]
    public void AnEmptyTokenIsNamedAsGivenButEmptyBeforeAnyRequest(string access, string refresh, string errorId, string what)
    {
        _server.ClearRequests();
        var result = _f.Shell.Run("Connect-FFAccount -AccessToken $args[0] -RefreshToken $args[1] -ApiUri $args[2]",
            EmulatorShellFixture.Secure(access == "ok" ? _server.DemoAccount.AccessToken : access),
            EmulatorShellFixture.Secure(refresh == "ok" ? _server.DemoAccount.RefreshToken : refresh), _server.BaseUri);

        var error = Assert.Single(result.AllErrors);
        Assert.Equal(errorId + ",FunnelFlux.Commands.ConnectFFAccountCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(what, error.Exception.Message);
        Assert.DoesNotContain("was given", error.Exception.Message);
        Assert.Contains("Read-Host", error.ErrorDetails.RecommendedAction);
        // An empty -RefreshToken is refused, not taken as "connect without one" behind a warning.
        Assert.Empty(result.Warnings);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void AMalformedAccessTokenWithoutARefreshTokenIsRefusedWithoutAWarningFirst()
    {
        _server.ClearRequests();
        var result = _f.Shell.Run("Connect-FFAccount -AccessToken $args[0] -ApiUri $args[1]", EmulatorShellFixture.Secure("abc\ndef"), _server.BaseUri);

        Assert.Equal("AccessTokenMalformed,FunnelFlux.Commands.ConnectFFAccountCommand", Assert.Single(result.AllErrors).FullyQualifiedErrorId);
        // The warning about a missing refresh token is for a session that can start.
        Assert.Empty(result.Warnings);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void AWrongAccessTokenWithAValidRefreshTokenAsksToCheckBothTokens()
    {
        _server.ClearRequests();
        var result = _f.Shell.Run("Connect-FFAccount -AccessToken $args[0] -RefreshToken $args[1] -ApiUri $args[2]",
            EmulatorShellFixture.Secure("not-the-access-token"), EmulatorShellFixture.Secure(_server.DemoAccount.RefreshToken), _server.BaseUri);

        var error = Assert.Single(result.AllErrors);
        Assert.Equal("TokensRejected,FunnelFlux.Commands.ConnectFFAccountCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("401", error.Exception.Message);
        Assert.StartsWith("Check both tokens", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public async Task AnUntrustedCertificateIsASecurityErrorNamingTheHost()
    {
        await using var https = await EmulatorServer.StartAsync(new EmulatorOptions { UseHttps = true });
        Secrets.Register(https);

        var result = _f.Shell.Run("Connect-FFAccount -AccessToken $args[0] -RefreshToken $args[1] -ApiUri $args[2] -Verbose",
            EmulatorShellFixture.Secure(https.DemoAccount.AccessToken), EmulatorShellFixture.Secure(https.DemoAccount.RefreshToken), https.BaseUri);

        var error = Assert.Single(result.AllErrors);
        Assert.Equal("CertificateNotTrusted,FunnelFlux.Commands.ConnectFFAccountCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Contains("127.0.0.1", error.Exception.Message);
        Assert.Contains("UntrustedRoot", error.Exception.Message);
        Assert.DoesNotContain(result.Verbose, v => v.Message.Contains("retrying"));
    }

    public void Dispose()
    {
        _server.Faults.Clear();
        _f.Connect();
    }
}
