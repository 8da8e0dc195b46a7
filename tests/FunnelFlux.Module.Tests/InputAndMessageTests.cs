using System.Management.Automation;
using FunnelFlux.Emulator;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// -Quiet, input that is not a domain, and messages that say what happened and what to run:
/// the user is never left guessing, and what PowerShell users know from its own cmdlets holds.
/// </summary>
public sealed class InputAndMessageTests : IClassFixture<EmulatorShellFixture>, IDisposable
{
    private readonly EmulatorShellFixture _f;
    private readonly EmulatorServer _server;

    public InputAndMessageTests(EmulatorShellFixture fixture)
    {
        _f = fixture;
        _server = fixture.Server;
        _f.StartClean();
    }

    private ScriptResult Run(string script, params object?[] args) => _f.Shell.Run(script, args);

    [Fact]
    public void QuietGivesExactlyOneBooleanPerInputIncludingNull()
    {
        _server.AddDomain(_server.DemoAccount, "good1.example.com", active: true);
        _server.AddDomain(_server.DemoAccount, "good2.example.com", active: true);

        var result = Run("'good1.example.com', $null, 'good2.example.com' | Test-FFDomain -Quiet");

        Assert.Equal(new object[] { true, false, true }, result.Output.Select(o => o.BaseObject));
        Assert.Empty(result.AllErrors);
    }

    [Fact]
    public void QuietAnswersFalseWithoutAnErrorForEveryKindOfUncheckableInput()
    {
        _server.AddDomain(_server.DemoAccount, "pending.example.com");

        var result = Run("'', 'https://a.example.com/', 'missing.example.com', 'pending.example.com', [pscustomobject]@{ Domain = $null } | Test-FFDomain -Quiet -ThrottleLimit 2");

        Assert.Equal(new object[] { false, false, false, false, false }, result.Output.Select(o => o.BaseObject));
        Assert.Empty(result.AllErrors);
    }

    [Fact]
    public void WithoutQuietANullIsAClearErrorAndTheRestContinue()
    {
        var result = Run("'a.example.com', $null, 'b.example.com' | New-FFDomain");

        Assert.Equal(2, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidDomainName,FunnelFlux.Commands.NewFFDomainCommand", error.FullyQualifiedErrorId);
        Assert.Contains("No domain name was given", error.Exception.Message);
    }

    [Theory]
    [InlineData("New-FFDomain")]
    [InlineData("Test-FFDomain")]
    [InlineData("Get-FFDomain")]
    [InlineData("Remove-FFDomain -Force")]
    [InlineData("Invoke-FFDomainRefresh")]
    public void ACsvRowWithoutADomainColumnSaysWhichColumnsItHas(string command)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ff-wrong-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "Host,Notes\ntrack.example.com,first\ngo.example.com,second\n");
        try
        {
            var result = Run($"Import-Csv -LiteralPath $args[0] | {command}", path);

            Assert.Empty(result.Output);
            Assert.Equal(2, result.Errors.Count);
            foreach (var error in result.Errors)
            {
                Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
                Assert.Contains("no Domain, Name or HostName property", error.Exception.Message);
                Assert.Contains("Its properties are: Host, Notes.", error.Exception.Message);
                Assert.DoesNotContain("contains '@'", error.Exception.Message);
            }
            Assert.DoesNotContain(_server.Requests, r => r.Path.Contains("track.example.com", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RowsWithADomainNameOrHostNameColumnStillBind()
    {
        var result = Run("[pscustomobject]@{ Domain = 'd.example.com'; Host = 'x' }, [pscustomobject]@{ HostName = 'h.example.com' } | New-FFDomain");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new[] { "d.example.com", "h.example.com" }, result.Output.Select(o => (string)o.Properties["Name"].Value));
    }

    [Theory]
    [InlineData("New-FFDomain -Domain $rows", "POST", false)]
    [InlineData("New-FFDomain $rows", "POST", false)]
    [InlineData("Test-FFDomain -Domain $rows", "POST", true)]
    [InlineData("Remove-FFDomain -Domain $rows -Force -PassThru", "DELETE", true)]
    public void CsvRowsGivenAsAnArgumentBindAsTheirDomainColumn(string command, string method, bool domainsExist)
    {
        // Piped, PowerShell binds a row's Domain column by name; given by argument it used to
        // bind the row as its text, "@{Domain=...}", refused as a name containing '@'.
        string[] names = { "first.example.com", "second.example.com" };
        if (domainsExist)
        {
            foreach (string name in names) _server.AddDomain(_server.DemoAccount, name, active: true);
        }

        var result = Run($"$rows = 'Domain', '{names[0]}', '{names[1]}' | ConvertFrom-Csv; {command}");

        Assert.True(!result.AllErrors.Any() && result.Exception is null, result.ToString());
        Assert.Equal(2, result.Output.Count);
        foreach (string name in names)
        {
            // One request per row, naming the domain in its path or body.
            Assert.Single(_server.Requests, r => r.Method == method &&
                (r.Path.Contains(name, StringComparison.Ordinal) || (r.Body ?? "").Contains(name, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void OneRowGivenByPositionAndRowsOfEveryColumnNameBind()
    {
        _server.AddDomain(_server.DemoAccount, "first.example.com", active: true);
        _server.AddDomain(_server.DemoAccount, "second.example.com", active: true);

        var result = Run("$row = 'Name', 'first.example.com' | ConvertFrom-Csv; Get-FFDomain $row; Get-FFDomain -Domain @('first.example.com', [pscustomobject]@{ HostName = 'second.example.com' })");

        Assert.True(!result.AllErrors.Any() && result.Exception is null, result.ToString());
        Assert.Equal(new[] { "first.example.com", "first.example.com", "second.example.com" }, result.Output.Select(o => (string)o.Properties["Name"].Value));
    }

    [Fact]
    public void RemovePassThruOfAMissingDomainSaysRemovingFailed()
    {
        var result = Run("Remove-FFDomain nope.example.com -Force -PassThru");

        var error = Assert.Single(result.Errors);
        Assert.Equal("NOT_FOUND,FunnelFlux.Commands.RemoveFFDomainCommand", error.FullyQualifiedErrorId);
        Assert.StartsWith("Removing nope.example.com failed", error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Getting", error.Exception.Message);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void RemovePassThruWhoseReadFailsSaysNothingWasRemoved()
    {
        _server.AddDomain(_server.DemoAccount, "kept.example.com");
        _server.Faults.Add("GET", "/billing/domains/kept.example.com", Fault.Error(403, "FORBIDDEN", "not now"));

        var result = Run("Remove-FFDomain kept.example.com -Force -PassThru");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.StartsWith("Removing kept.example.com failed, and nothing was removed", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, _f.Count("DELETE", "billing/domains"));
        Assert.Single(_server.DomainsOf(_server.DemoAccount));
    }

    [Fact]
    public void ConnectRefusesABadApiUriBeforeWarningAboutTheRefreshToken()
    {
        _server.ClearRequests();
        var result = Run("Connect-FFAccount -AccessToken $args[0] -ApiUri 'http://10.0.0.5:5099/v1'", EmulatorShellFixture.Secure("anything"));

        Assert.Equal("ApiUriNotAllowed,FunnelFlux.Commands.ConnectFFAccountCommand", Assert.Single(result.AllErrors).FullyQualifiedErrorId);
        Assert.Empty(result.Warnings);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void ADamagedSavedSessionIsReportedByEveryCommandUntilItIsDealtWith()
    {
        Run("Disconnect-FFAccount -Scope CurrentUser -Confirm:$false");
        WriteSessionFile("{ this is not a saved session");
        ModuleState.SimulateNewProcess();

        var first = Run("Get-FFDomain");
        var again = Run("Get-FFDomain");
        var context = Run("Get-FFContext");
        var test = Run("Test-FFDomain a.example.com");

        foreach (var result in new[] { first, again, context, test })
        {
            var error = Assert.Single(result.AllErrors);
            Assert.StartsWith("SavedSessionUnreadable,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("is damaged", error.Exception.Message);
            Assert.Contains("Disconnect-FFAccount -Scope CurrentUser", error.ErrorDetails.RecommendedAction);
        }

        Assert.Empty(Run("Disconnect-FFAccount -Scope CurrentUser -Confirm:$false").AllErrors);
        Assert.False(File.Exists(TestAssemblySetup.SessionPath));
        Assert.StartsWith("NotConnected,", Assert.Single(Run("Get-FFDomain").AllErrors).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectingAgainClearsTheDamagedSessionReport()
    {
        WriteSessionFile("not json");
        ModuleState.SimulateNewProcess();
        Assert.StartsWith("SavedSessionUnreadable,", Assert.Single(Run("Get-FFDomain").AllErrors).FullyQualifiedErrorId, StringComparison.Ordinal);

        Assert.Empty(_f.Connect(extra: "-Scope CurrentUser").AllErrors);

        Assert.Empty(Run("Get-FFDomain").AllErrors);
    }

    [Fact]
    public void NewFFDomainCompletionOffersNoExistingDomain()
    {
        _server.AddDomain(_server.DemoAccount, "track.example.com");

        var result = Run("(TabExpansion2 -inputScript 'New-FFDomain -Domain tr' -cursorColumn 23).CompletionMatches.CompletionText; '---'; (TabExpansion2 -inputScript 'Remove-FFDomain -Domain tr' -cursorColumn 26).CompletionMatches.CompletionText");

        Assert.Empty(result.AllErrors);
        var texts = result.Output.Select(o => o?.BaseObject?.ToString()).ToList();
        int split = texts.IndexOf("---");
        Assert.DoesNotContain("track.example.com", texts.Take(split));
        Assert.Contains("track.example.com", texts.Skip(split + 1));
    }

    [Fact]
    public void CompletionResumesASavedSessionInANewSession()
    {
        Assert.Empty(_f.Connect(extra: "-Scope CurrentUser").AllErrors);
        _server.AddDomain(_server.DemoAccount, "saved.example.com");
        ModuleState.SimulateNewProcess();
        using var fresh = new ModuleRunspace();

        var result = fresh.Run("(TabExpansion2 -inputScript 'Test-FFDomain -Domain sa' -cursorColumn 24).CompletionMatches.CompletionText");

        Assert.Equal(new object[] { "saved.example.com" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void RemoveModuleThenImportModuleKeepsTheConnectionOnPurpose()
    {
        _server.AddDomain(_server.DemoAccount, "kept.example.com");
        var before = Run("Get-FFContext").Output.Single();

        var result = Run(@"
            Remove-Module FunnelFlux
            @(Get-Command Get-FFDomain -ErrorAction SilentlyContinue).Count
            Import-Module $args[0]
            Get-FFContext
            (Get-FFDomain).Name", ModulePaths.ManifestPath);

        Assert.Empty(result.AllErrors);
        Assert.Equal(0, result.Output[0].BaseObject);
        Assert.Equal(before.Properties["ApiUri"].Value, result.Output[1].Properties["ApiUri"].Value);
        Assert.Equal(before.Properties["ConnectedAt"].Value, result.Output[1].Properties["ConnectedAt"].Value);
        Assert.Equal("kept.example.com", result.Output[2].BaseObject);
        Assert.Equal(0, _f.Count("POST", "auth/validate"));
    }

    /// <summary>A damaged session file that is otherwise as the module writes it (private to the user), so it is refused for its content.</summary>
    private static void WriteSessionFile(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TestAssemblySetup.SessionPath)!);
        File.WriteAllText(TestAssemblySetup.SessionPath, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(TestAssemblySetup.SessionPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public void Dispose()
    {
        _server.Faults.Clear();
        Run("Disconnect-FFAccount -Scope CurrentUser -Confirm:$false");
        if (File.Exists(TestAssemblySetup.SessionPath))
        {
            File.Delete(TestAssemblySetup.SessionPath);
        }
    }
}
