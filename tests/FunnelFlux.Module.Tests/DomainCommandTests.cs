using System.Management.Automation;
using FunnelFlux.Emulator;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>Every domain cmdlet's normal path, errors and pipeline forms, against the emulator.</summary>
public sealed class DomainCommandTests : IClassFixture<EmulatorShellFixture>, IDisposable
{
    private readonly EmulatorShellFixture _f;
    private readonly EmulatorServer _server;

    public DomainCommandTests(EmulatorShellFixture fixture)
    {
        _f = fixture;
        _server = fixture.Server;
        _f.StartClean();
    }

    private ScriptResult Run(string script, params object?[] args) => _f.Shell.Run(script, args);

    private int Changing => _server.Requests.Count(r => r.Method is "POST" or "DELETE" && !r.Path.EndsWith("/check") && !r.Path.EndsWith("/refresh") && !r.Path.EndsWith("/auth/validate"));

    [Fact]
    public void NewFFDomainReturnsTheDomainAndSaysWhichRecordsToCreate()
    {
        var result = Run("New-FFDomain track.example.com");

        Assert.Empty(result.AllErrors);
        var domain = Assert.Single(result.Output);
        Assert.Equal("FunnelFlux.Domain", domain.TypeNames[0]);
        Assert.Equal("track.example.com", domain.Properties["Name"].Value);
        Assert.Equal("pending", domain.Properties["Status"].Value);
        Assert.Equal(false, domain.Properties["IsReady"].Value);
        var records = ((System.Collections.IEnumerable)domain.Properties["DnsRecords"].Value).Cast<object>().ToList();
        Assert.Equal(2, records.Count);
        var info = Assert.Single(result.Information);
        Assert.Contains("DnsRecords", info.Tags);
        Assert.Contains("_acme-challenge.track.example.com", info.MessageData.ToString());
        // A hosted engine running a script is no person at a console: the instructions are on the
        // information stream only, not printed like Write-Host (ConsoleHostTests show the console).
        Assert.DoesNotContain("PSHOST", info.Tags);
        Assert.DoesNotContain("Create these DNS records", result.HostText);
        Assert.Single(_server.DomainsOf(_server.DemoAccount));
        Assert.Equal(1, _f.Count("POST", "billing/domains"));
    }

    [Fact]
    public void GetFFDomainListsGetsByNameAndFiltersByWildcard()
    {
        _server.AddDomain(_server.DemoAccount, "a.example.com");
        _server.AddDomain(_server.DemoAccount, "b.example.com");
        _server.AddDomain(_server.DemoAccount, "c.other.net", active: true);

        var all = Run("Get-FFDomain");
        Assert.Equal(new[] { "a.example.com", "b.example.com", "c.other.net" }, all.Output.Select(o => (string)o.Properties["Name"].Value).Order());
        Assert.All(all.Output, o => Assert.Equal("FunnelFlux.Domain", o.TypeNames[0]));

        var one = Run("Get-FFDomain -Domain B.Example.COM");
        var detailed = Assert.Single(one.Output);
        // Only the details answer has the owner and the DNS records.
        Assert.Equal("demo", detailed.Properties["Owner"].Value);
        Assert.Equal(2, ((System.Collections.ICollection)detailed.Properties["DnsRecords"].Value).Count);

        var filtered = Run("Get-FFDomain '*.example.com'");
        Assert.Equal(2, filtered.Output.Count);

        var none = Run("Get-FFDomain '*.nothing.org'");
        Assert.Empty(none.Output);
        Assert.Empty(none.AllErrors);
    }

    [Fact]
    public void GetFFDomainDetailedReadsEveryDomain()
    {
        _server.AddDomain(_server.DemoAccount, "a.example.com");
        _server.AddDomain(_server.DemoAccount, "b.example.com");

        var result = Run("Get-FFDomain -Detailed");

        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("demo", o.Properties["Owner"].Value));
        Assert.All(result.Output, o => Assert.Equal(2, ((System.Collections.ICollection)o.Properties["DnsRecords"].Value).Count));
        Assert.Equal(2, _server.Requests.Count(r => r.Method == "GET" && r.Path.StartsWith("/v1/billing/domains/")));
    }

    [Fact]
    public void AMissingDomainIsANonTerminatingObjectNotFound()
    {
        _server.AddDomain(_server.DemoAccount, "here.example.com");

        var result = Run("Get-FFDomain missing.example.com, here.example.com");

        var error = Assert.Single(result.Errors);
        Assert.Null(result.Exception);
        Assert.Equal("NOT_FOUND,FunnelFlux.Commands.GetFFDomainCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("missing.example.com", error.TargetObject);
        Assert.Contains("Get-FFDomain", error.ErrorDetails.RecommendedAction);
        Assert.Equal("here.example.com", Assert.Single(result.Output).Properties["Name"].Value);
    }

    [Fact]
    public void NewFFDomainMapsExistsAndOwnedElsewhere()
    {
        _server.AddDomain(_server.DemoAccount, "mine.example.com");
        var other = _server.CreateAccount("other");
        _server.AddDomain(other, "theirs.example.com");

        var result = Run("New-FFDomain mine.example.com, theirs.example.com");

        Assert.Equal(2, result.Errors.Count);
        Assert.Equal("DOMAIN_EXISTS,FunnelFlux.Commands.NewFFDomainCommand", result.Errors[0].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, result.Errors[0].CategoryInfo.Category);
        Assert.Equal("mine.example.com", result.Errors[0].TargetObject);
        Assert.Equal("DOMAIN_ALREADY_OWNED,FunnelFlux.Commands.NewFFDomainCommand", result.Errors[1].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, result.Errors[1].CategoryInfo.Category);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void TestFFDomainReturnsACheckOrQuietBooleans()
    {
        _server.AddDomain(_server.DemoAccount, "ready.example.com", active: true);
        _server.AddDomain(_server.DemoAccount, "pending.example.com");

        var checks = Run("'ready.example.com', 'pending.example.com' | Test-FFDomain");
        Assert.Equal(2, checks.Output.Count);
        Assert.Equal("FunnelFlux.DomainCheck", checks.Output[0].TypeNames[0]);
        Assert.Equal(true, checks.Output[0].Properties["Found"].Value);
        Assert.IsType<TimeSpan>(checks.Output[0].Properties["ResponseTime"].Value);
        Assert.IsType<DateTimeOffset>(checks.Output[0].Properties["CheckedAt"].Value);
        Assert.Equal(false, checks.Output[1].Properties["Found"].Value);

        var quiet = Run("Test-FFDomain ready.example.com, pending.example.com -Quiet");
        Assert.Equal(new object[] { true, false }, quiet.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void QuietGivesOneBooleanPerInputEvenWhenACheckCannotRun()
    {
        _server.AddDomain(_server.DemoAccount, "ready.example.com", active: true);
        _server.Faults.Add("POST", "/billing/domains/check", Fault.Status(400, body: "{\"success\":false,\"error_code\":\"INVALID_DOMAIN\",\"error_message\":\"bad\"}"));

        var result = Run("Test-FFDomain broken.example.com, 'not valid', ready.example.com -Quiet");

        Assert.Equal(new object[] { false, false, true }, result.Output.Select(o => o.BaseObject));
        // Like Test-Connection -Quiet: the $false is the answer, and no error record comes with it.
        Assert.Empty(result.AllErrors);
    }

    [Fact]
    public void WildcardsMatchInternationalNamesInEitherForm()
    {
        _server.AddDomain(_server.DemoAccount, "xn--bcher-kva.example.com");
        _server.AddDomain(_server.DemoAccount, "plain.example.com");

        Assert.Equal("xn--bcher-kva.example.com", Assert.Single(Run("Get-FFDomain 'bü*'").Output).Properties["Name"].Value);
        Assert.Single(Run("Get-FFDomain 'xn--b*'").Output);
    }

    [Fact]
    public void InvokeFFDomainRefreshReturnsTheDomainWithItsLatestCheck()
    {
        _server.AddDomain(_server.DemoAccount, "r.example.com");

        var result = Run("Invoke-FFDomainRefresh r.example.com");

        var domain = Assert.Single(result.Output);
        Assert.Equal("FunnelFlux.Domain", domain.TypeNames[0]);
        var check = (PSObject)PSObject.AsPSObject(domain.Properties["LastCheck"].Value);
        Assert.Equal("r.example.com", check.Properties["Domain"].Value);
        Assert.Equal(1, _f.Count("POST", "billing/domains/r.example.com/refresh"));
    }

    [Fact]
    public void RemoveFFDomainWithForceRemovesAndPassThruReturnsIt()
    {
        _server.AddDomain(_server.DemoAccount, "gone.example.com");

        var result = Run("Remove-FFDomain gone.example.com -Force -PassThru");

        Assert.Empty(result.AllErrors);
        Assert.Equal("gone.example.com", Assert.Single(result.Output).Properties["Name"].Value);
        Assert.Empty(_server.DomainsOf(_server.DemoAccount));
    }

    [Fact]
    public void RemoveFFDomainAsksFirstAndNoMeansNo()
    {
        _server.AddDomain(_server.DemoAccount, "keep.example.com");
        _f.Shell.Host.CapturingUI.ChoiceToPick = "&No";
        try
        {
            var result = Run("Remove-FFDomain keep.example.com");
            Assert.Empty(result.AllErrors);
            Assert.Contains(_f.Shell.Host.CapturingUI.Prompts, p => p.Contains("keep.example.com"));
            Assert.Single(_server.DomainsOf(_server.DemoAccount));
            Assert.Equal(0, _f.Count("DELETE", "billing/domains"));

            _f.Shell.Host.CapturingUI.ChoiceToPick = "&Yes";
            Run("Remove-FFDomain keep.example.com");
            Assert.Empty(_server.DomainsOf(_server.DemoAccount));
        }
        finally
        {
            _f.Shell.Host.CapturingUI.ChoiceToPick = null;
            _f.Shell.Host.CapturingUI.Prompts.Clear();
        }
    }

    [Fact]
    public void ConfirmFalseRemovesWithoutAPrompt()
    {
        _server.AddDomain(_server.DemoAccount, "x.example.com");
        var result = Run("Remove-FFDomain x.example.com -Confirm:$false");
        Assert.Empty(result.AllErrors);
        Assert.Empty(_server.DomainsOf(_server.DemoAccount));
    }

    [Fact]
    public void WhatIfSendsNoChangingRequest()
    {
        _server.AddDomain(_server.DemoAccount, "stay.example.com");

        var result = Run("New-FFDomain new.example.com -WhatIf; Remove-FFDomain stay.example.com -WhatIf; Remove-FFDomain stay.example.com -WhatIf -Force");

        Assert.Empty(result.AllErrors);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(result.HostText, "What if:").Count);
        Assert.Contains("new.example.com", result.HostText);
        Assert.Equal(0, Changing);
        Assert.Equal(new[] { "stay.example.com" }, _server.DomainsOf(_server.DemoAccount).Select(d => d.Domain));
    }

    [Fact]
    public void RemovingAMissingDomainIsObjectNotFound()
    {
        var result = Run("Remove-FFDomain nope.example.com -Force");
        var error = Assert.Single(result.Errors);
        Assert.Equal("NOT_FOUND,FunnelFlux.Commands.RemoveFFDomainCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("nope.example.com", error.TargetObject);
    }

    [Fact]
    public void AFailedListNamesThePatternTheUserGave()
    {
        _server.Faults.Add("GET", "/billing/domains", Fault.Error(400, "BAD_REQUEST", "not now"));

        var result = Run("Get-FFDomain 'off*'");

        var error = Assert.Single(result.Errors);
        Assert.Equal("off*", error.TargetObject);
        Assert.Equal(1, _f.Count("GET", "billing/domains"));
    }

    [Fact]
    public void PipelineFormsBindByValueAndByPropertyName()
    {
        var created = Run(
            "[pscustomobject]@{ Domain = 'csv1.example.com' }, [pscustomobject]@{ Name = 'csv2.example.com' }, [pscustomobject]@{ HostName = 'csv3.example.com' } | New-FFDomain");
        Assert.Empty(created.AllErrors);
        Assert.Equal(3, created.Output.Count);

        var tested = Run("'csv1.example.com', 'csv2.example.com' | Test-FFDomain -Quiet");
        Assert.Equal(2, tested.Output.Count);

        var removed = Run("Get-FFDomain | Remove-FFDomain -Force -PassThru");
        Assert.Empty(removed.AllErrors);
        Assert.Equal(3, removed.Output.Count);
        Assert.Empty(_server.DomainsOf(_server.DemoAccount));
    }

    [Fact]
    public void OneBadItemDoesNotStopTheRest()
    {
        var result = Run("'one.example.com', 'not a domain', 'two.example.com' | New-FFDomain");

        Assert.Equal(2, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidDomainName,FunnelFlux.Commands.NewFFDomainCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("not a domain", error.TargetObject);
    }

    public static TheoryData<string, string> BadHostnames => new()
    {
        { "https://track.example.com/path", "track.example.com" },
        { "http://track.example.com", "track.example.com" },
        { "track.example.com/path", "/" },
        { "track.example.com?x=1", "?" },
        { "track.example.com#frag", "#" },
        { "track.example.com:8080", "port" },
        { "user@track.example.com", "@" },
        { "track example.com", "space" },
        { " track.example.com", "space" },
        { "track..example.com", ".." },
        { "track%2Eexample.com", "%" },
        { "track\\example.com", "\\" },
        { ".track.example.com", "empty" },
        { "track.example.com..", "" },
        { new string('a', 64) + ".example.com", "63" },
        { string.Join(".", Enumerable.Repeat(new string('a', 60), 5)) + ".com", "253" },
        { "-track.example.com", "hyphen" },
        { "track-.example.com", "hyphen" },
        { "localhost", "" },
        { "com", "" },
        { "track_1.example.com", "_" },
        { "*.example.com", "" },
        { "tr!ck.example.com", "!" },
        { "192.0.2.1", "IP" },
        { "[2001:db8::1]", "" },
        { "track.example.123", "" },
        { "'track.example.com'", "" },
    };

    [Theory]
    [MemberData(nameof(BadHostnames))]
    public void BadHostnamesAreRefusedBeforeAnyRequest(string input, string hint)
    {
        foreach (var command in new[] { "New-FFDomain", "Remove-FFDomain -Force", "Test-FFDomain", "Invoke-FFDomainRefresh" })
        {
            _server.ClearRequests();
            var result = Run($"{command} -Domain $args[0]", input);

            // '*' is a wildcard only for Get-FFDomain; every other cmdlet must refuse it.
            var error = Assert.Single(result.AllErrors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.StartsWith("InvalidDomainName,", error.FullyQualifiedErrorId);
            Assert.Equal(input, error.TargetObject);
            Assert.Contains(hint, error.Exception.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(_server.Requests);
        }
    }

    [Fact]
    public void InternationalNamesReachTheApiAsPunycode()
    {
        var result = Run("New-FFDomain 'bücher.example.com'; Get-FFDomain 'BÜCHER.example.com'");

        Assert.Empty(result.AllErrors);
        Assert.All(result.Output, o => Assert.Equal("xn--bcher-kva.example.com", o.Properties["Name"].Value));
        Assert.Contains(_server.Requests, r => r.Method == "POST" && r.Body!.Contains("\"xn--bcher-kva.example.com\""));
        Assert.Contains(_server.Requests, r => r.Method == "GET" && r.Path == "/v1/billing/domains/xn--bcher-kva.example.com");
    }

    [Fact]
    public void DefaultViewsRender()
    {
        _server.AddDomain(_server.DemoAccount, "view.example.com");

        var result = Run("Get-FFDomain | Out-Default; Test-FFDomain view.example.com | Out-Default; (Get-FFDomain view.example.com).DnsRecords | Out-Default");

        Assert.Empty(result.AllErrors);
        Assert.Matches(@"Status\s+SslStatus\s+IsReady\s+CreatedAt\s+Name", result.HostText);
        Assert.Matches(@"pending\s+pending_validation\s+False\s+\d{4}-\d\d-\d\d\s+view\.example\.com", result.HostText);
        Assert.Matches(@"IsReady\s+Found\s+SslValid\s+HttpStatus\s+CheckedAt\s+Domain", result.HostText);
        // A DNS record's default view is a list, its value whole.
        Assert.Matches(@"Type\s+: TXT\s+Name\s+: _acme-challenge\.view\.example\.com\s+Value\s+: \S+", result.HostText);
    }

    [Fact]
    public void ContextSelectsTheAccount()
    {
        var other = _server.CreateAccount("second");
        _server.AddDomain(other, "second.example.com");
        _server.AddDomain(_server.DemoAccount, "first.example.com");
        var first = Run("Get-FFContext").Output.Single();
        Run("$second = Connect-FFAccount -AccessToken $args[0] -RefreshToken $args[1] -ApiUri $args[2] -PassThru",
            EmulatorShellFixture.Secure(other.AccessToken), EmulatorShellFixture.Secure(other.RefreshToken), _server.BaseUri);
        _f.Shell.SetVariable("first", first);

        var mine = Run("Get-FFDomain -Context $first");
        var current = Run("Get-FFDomain");

        Assert.Equal("first.example.com", Assert.Single(mine.Output).Properties["Name"].Value);
        Assert.Equal("second.example.com", Assert.Single(current.Output).Properties["Name"].Value);
    }

    [Fact]
    public void ParallelRunspacesShareTheSession()
    {
        _server.AddDomain(_server.DemoAccount, "p.example.com");
        var result = Run(
            "$ctx = Get-FFContext; $m = $args[0]; 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel { Import-Module $using:m; (Get-FFDomain -Context $using:ctx).Name }",
            ModulePaths.ManifestPath);

        Assert.Empty(result.AllErrors);
        Assert.Equal(4, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("p.example.com", o.BaseObject));
        Assert.Equal(0, _f.Count("POST", "auth/validate"));
    }

    [Fact]
    public void WithoutASessionApiCmdletsSayHowToConnect()
    {
        Run("Disconnect-FFAccount");
        var result = Run("Get-FFDomain");

        var error = Assert.Single(result.AllErrors);
        Assert.Equal("NotConnected,FunnelFlux.Commands.GetFFDomainCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("Connect-FFAccount", error.Exception.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void TabCompletionOffersTheAccountsDomains()
    {
        _server.AddDomain(_server.DemoAccount, "track.example.com");
        _server.AddDomain(_server.DemoAccount, "trial.example.com");
        _server.AddDomain(_server.DemoAccount, "other.example.com");

        var result = Run("(TabExpansion2 -inputScript 'Test-FFDomain -Domain tr' -cursorColumn 24).CompletionMatches.CompletionText");

        Assert.Equal(new[] { "track.example.com", "trial.example.com" }, result.Output.Select(o => (string)o.BaseObject).Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        _server.Faults.Clear();
        _f.Shell.Host.CapturingUI.ChoiceToPick = null;
    }
}
