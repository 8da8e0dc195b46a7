using System.Management.Automation;
using System.Text.Json.Nodes;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// A saved session is checked when a new PowerShell session resumes it: permissions like ssh, the
/// API address like -ApiUri, every field; each problem is the SavedSessionUnreadable error.
/// </summary>
public sealed class SavedSessionHardeningTests : IClassFixture<EmulatorShellFixture>, IDisposable
{
    private readonly EmulatorShellFixture _f;

    public SavedSessionHardeningTests(EmulatorShellFixture fixture)
    {
        _f = fixture;
        _f.Shell.Run("Disconnect-FFAccount -Scope CurrentUser -Confirm:$false");
        _f.Server.ClearRequests();
    }

    private static string SessionPath => TestAssemblySetup.SessionPath;

    /// <summary>Saves a real session, changes its file with <paramref name="edit"/>, and resumes it in a "new process".</summary>
    private ScriptResult ResumeAfter(Action edit, string script = "Get-FFDomain")
    {
        Assert.Empty(_f.Connect(extra: "-Scope CurrentUser").AllErrors);
        edit();
        ModuleState.SimulateNewProcess();
        _f.Server.ClearRequests();
        using var fresh = new ModuleRunspace();
        return fresh.Run(script);
    }

    private static void EditJson(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(SessionPath))!.AsObject();
        change(json);
        File.WriteAllText(SessionPath, json.ToJsonString());
    }

    private void AssertUnreadable(ScriptResult result, string reason)
    {
        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("SavedSessionUnreadable,", error.FullyQualifiedErrorId);
        Assert.Contains(reason, error.Exception.Message);
        Assert.Contains(SessionPath, error.Exception.Message);
        Assert.Empty(_f.Server.Requests);
    }

    [Fact]
    public void AFileOthersCanReadIsRefused()
    {
        if (OperatingSystem.IsWindows()) return;

        var result = ResumeAfter(() =>
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(SessionPath, (UnixFileMode)0x1A4); // 0644
        });

        AssertUnreadable(result, "mode 0644");
    }

    [Fact]
    public void AnApiAddressThatConnectWouldRefuseIsRefusedAndNothingIsSent()
    {
        var result = ResumeAfter(() => EditJson(j => j["api_uri"] = "http://api.funnelflux.pro/v1"));

        AssertUnreadable(result, "API address is not allowed");
    }

    [Fact]
    public void AnOutOfRangeTimeIsTheDocumentedErrorNotADotNetException()
    {
        var result = ResumeAfter(() => EditJson(j => j["access_token_expires_at"] = long.MaxValue));

        AssertUnreadable(result, "is not a time");
    }

    [Fact]
    public void AnEmptyAccessTokenIsTheDocumentedError()
    {
        var result = ResumeAfter(() => EditJson(j => j["access_token"] = ""), "Get-FFContext");

        AssertUnreadable(result, "holds no access token");
    }

    [Fact]
    public void AFolderAtTheFilesPathIsAClearErrorOnResume()
    {
        var result = ResumeAfter(() => { File.Delete(SessionPath); Directory.CreateDirectory(SessionPath); });
        try
        {
            AssertUnreadable(result, "is a folder, not a file");
            Assert.Equal(ErrorCategory.AuthenticationError, Assert.Single(result.AllErrors).CategoryInfo.Category);
        }
        finally
        {
            Directory.Delete(SessionPath);
        }
    }

    [Fact]
    public void AnIntactFileIsStillResumed()
    {
        var result = ResumeAfter(() => { });

        Assert.Empty(result.AllErrors);
        Assert.Equal(1, _f.Count("GET", "billing/domains"));
    }

    [Fact]
    public void ARenewalNeverTakesOverAnotherAccountsSavedSession()
    {
        var other = _f.Server.CreateAccount("other");
        _f.Server.AddDomain(_f.Server.DemoAccount, "mine.example.com");
        _f.Server.AddDomain(other, "theirs.example.com");
        Assert.Empty(_f.Shell.Run("$global:first = Connect-FFAccount -AccessToken $args[0] -RefreshToken $args[1] -ApiUri $args[2] -Scope CurrentUser -PassThru",
            EmulatorShellFixture.Secure(_f.Server.DemoAccount.AccessToken), EmulatorShellFixture.Secure(_f.Server.DemoAccount.RefreshToken), _f.Server.BaseUri).AllErrors);
        // A second sign-in, to another account, now owns the saved file.
        Assert.Empty(_f.Connect(other, "-Scope CurrentUser").AllErrors);
        string savedByOther = File.ReadAllText(SessionPath);
        _f.Server.ExpireAccessToken(_f.Server.DemoAccount.AccessToken);
        _f.Server.ClearRequests();

        var result = _f.Shell.Run("(Get-FFDomain -Context $global:first).Name");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new object[] { "mine.example.com" }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(1, _f.Count("POST", "auth/validate"));
        Assert.Equal(savedByOther, File.ReadAllText(SessionPath));
    }

    [Fact]
    public void ARenewalDoesNotRecreateADeletedSavedSession()
    {
        Assert.Empty(_f.Shell.Run("$global:kept = Connect-FFAccount -AccessToken $args[0] -RefreshToken $args[1] -ApiUri $args[2] -Scope CurrentUser -PassThru",
            EmulatorShellFixture.Secure(_f.Server.DemoAccount.AccessToken), EmulatorShellFixture.Secure(_f.Server.DemoAccount.RefreshToken), _f.Server.BaseUri).AllErrors);
        Assert.True(File.Exists(SessionPath));
        // Another PowerShell session deletes the saved copy.
        File.Delete(SessionPath);
        _f.Server.ExpireAccessToken(_f.Server.DemoAccount.AccessToken);
        _f.Server.ClearRequests();

        var result = _f.Shell.Run("$null = Get-FFDomain -Context $global:kept");

        Assert.Empty(result.AllErrors);
        Assert.Equal(1, _f.Count("POST", "auth/validate"));
        Assert.False(File.Exists(SessionPath));
    }

    public void Dispose()
    {
        if (Directory.Exists(SessionPath)) Directory.Delete(SessionPath);
        if (File.Exists(SessionPath) && !OperatingSystem.IsWindows()) File.SetUnixFileMode(SessionPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        ModuleState.SimulateNewProcess();
        _f.Shell.Run("Disconnect-FFAccount -Scope CurrentUser -Confirm:$false");
    }
}
