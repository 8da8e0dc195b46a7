using System.Diagnostics;
using System.Management.Automation;
using FunnelFlux.Emulator;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

public sealed class SessionCommandTests : IClassFixture<EmulatorShellFixture>, IDisposable
{
    private readonly EmulatorShellFixture _f;

    public SessionCommandTests(EmulatorShellFixture fixture)
    {
        _f = fixture;
        _f.Shell.Run("Disconnect-FFAccount -Scope CurrentUser -Confirm:$false");
        _f.Server.ClearRequests();
    }

    [Fact]
    public void ConnectChecksTheTokenAndPassThruReturnsTheContext()
    {
        var result = _f.Connect(extra: "-PassThru");

        Assert.Null(result.Exception);
        Assert.Empty(result.Errors);
        var context = Assert.Single(result.Output);
        Assert.Equal("FunnelFlux.Context", context.TypeNames[0]);
        Assert.Equal(_f.Server.BaseUri.AbsoluteUri.TrimEnd('/'), ((Uri)context.Properties["ApiUri"].Value).AbsoluteUri.TrimEnd('/'));
        Assert.Equal(true, context.Properties["HasRefreshToken"].Value);
        Assert.Equal("Process", context.Properties["Scope"].Value.ToString());
        Assert.Null(context.Properties["SavedSessionPath"].Value);
        Assert.Equal(1, _f.Count("POST", "auth/validate"));
    }

    [Fact]
    public void WithoutPassThruConnectWritesNothing()
    {
        var result = _f.Connect();
        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void GetFFContextShowsTheSessionButNoToken()
    {
        _f.Connect();
        var result = _f.Shell.Run("Get-FFContext; Get-FFContext | Out-Default");

        var context = Assert.Single(result.Output);
        Assert.NotNull(context.Properties["AccessTokenExpiresAt"].Value);
        Assert.Equal(false, context.Properties["AccessTokenExpired"].Value);
        Assert.Matches(@"Scope\s+AccessTokenExpiresAt\s+HasRefreshToken\s+ApiUri", result.HostText);
        Assert.Matches(@"Process\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+True\s+http://127\.0\.0\.1:\d+/v1", result.HostText);
        var names = context.Properties.Select(p => p.Name).ToList();
        Assert.DoesNotContain(names, n => n.Contains("Token", StringComparison.Ordinal) && !n.StartsWith("AccessTokenExp", StringComparison.Ordinal) && n != "HasRefreshToken");
    }

    [Fact]
    public void ConnectReadsTheEnvironmentVariables()
    {
        var account = _f.Server.DemoAccount;
        try
        {
            Environment.SetEnvironmentVariable("FUNNELFLUX_ACCESS_TOKEN", account.AccessToken);
            Environment.SetEnvironmentVariable("FUNNELFLUX_REFRESH_TOKEN", account.RefreshToken);
            Environment.SetEnvironmentVariable("FUNNELFLUX_API_URI", _f.Server.BaseUri.AbsoluteUri);

            var result = _f.Shell.Run("Connect-FFAccount -PassThru -Verbose");

            Assert.Empty(result.Errors);
            var context = Assert.Single(result.Output);
            Assert.Equal(true, context.Properties["HasRefreshToken"].Value);
            Assert.Contains(result.Verbose, v => v.Message.Contains("FUNNELFLUX_ACCESS_TOKEN"));
            Assert.Equal(1, _f.Count("POST", "auth/validate"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("FUNNELFLUX_ACCESS_TOKEN", null);
            Environment.SetEnvironmentVariable("FUNNELFLUX_REFRESH_TOKEN", null);
            Environment.SetEnvironmentVariable("FUNNELFLUX_API_URI", null);
        }
    }

    [Fact]
    public void WithoutTokensConnectSaysWhereToGetThem()
    {
        var result = _f.Shell.Run("Connect-FFAccount");

        var error = Assert.Single(result.AllErrors);
        Assert.Equal("AccessTokenMissing,FunnelFlux.Commands.ConnectFFAccountCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("Settings > API Access", error.Exception.Message);
        Assert.Contains("FUNNELFLUX_ACCESS_TOKEN", error.Exception.Message);
        Assert.Empty(_f.Server.Requests);
    }

    [Theory]
    [InlineData("http://api.funnelflux.pro/v1")]
    [InlineData("http://10.0.0.5:5099/v1")]
    public void AnHttpUriThatIsNotLoopbackIsRefusedBeforeAnyRequest(string uri)
    {
        var result = _f.Shell.Run("Connect-FFAccount -AccessToken $args[0] -ApiUri $args[1]",
            EmulatorShellFixture.Secure(_f.Server.DemoAccount.AccessToken), new Uri(uri));

        var error = Assert.Single(result.AllErrors);
        Assert.Equal("ApiUriNotAllowed,FunnelFlux.Commands.ConnectFFAccountCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("https", error.Exception.Message);
        Assert.EndsWith("where the local emulator runs.", error.Exception.Message);
        Assert.Empty(_f.Server.Requests);
    }

    [Fact]
    public void ProxyParametersSendTheRequestThroughTheProxy()
    {
        // The API URI is the real one, but the only thing ever reached is the fake proxy on loopback.
        using var proxy = new FakeProxy { RequireCredentials = true };
        var credential = new PSCredential("proxyuser", EmulatorShellFixture.Secure("proxy-pass-1"));

        var result = _f.Shell.Run(
            "Connect-FFAccount -AccessToken $args[0] -ApiUri 'https://api.funnelflux.pro/v1' -Proxy $args[1] -ProxyCredential $args[2] -MaxRetries 0 -TimeoutSec 10",
            EmulatorShellFixture.Secure(_f.Server.DemoAccount.AccessToken), proxy.Uri, credential);

        var error = Assert.Single(result.AllErrors);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains(proxy.Requests, r => r.StartsWith("CONNECT api.funnelflux.pro:443 ", StringComparison.Ordinal));
        string expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("proxyuser:proxy-pass-1"));
        Assert.Contains(proxy.Requests, r => r.Contains("Proxy-Authorization: " + expected, StringComparison.Ordinal));
        Assert.DoesNotContain("proxy-pass-1", result.AllText());
    }

    [Fact]
    public void ProxyCredentialAndDefaultCredentialsConflict()
    {
        var result = _f.Shell.Run(
            "Connect-FFAccount -AccessToken $args[0] -ApiUri $args[1] -ProxyCredential $args[2] -ProxyUseDefaultCredentials",
            EmulatorShellFixture.Secure(_f.Server.DemoAccount.AccessToken), _f.Server.BaseUri,
            new PSCredential("u", EmulatorShellFixture.Secure("p")));

        Assert.Equal("ProxyCredentialConflict,FunnelFlux.Commands.ConnectFFAccountCommand", Assert.Single(result.AllErrors).FullyQualifiedErrorId);
        Assert.Empty(_f.Server.Requests);
    }

    [Fact]
    public void AWrongTokenIsAnAuthenticationError()
    {
        var result = _f.Shell.Run("Connect-FFAccount -AccessToken $args[0] -ApiUri $args[1]",
            EmulatorShellFixture.Secure("not-a-real-token"), _f.Server.BaseUri);

        var error = Assert.Single(result.AllErrors);
        Assert.Equal("AccessTokenRejected,FunnelFlux.Commands.ConnectFFAccountCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("Settings > API Access", error.ErrorDetails.RecommendedAction);
        Assert.Empty(_f.Shell.Run("Get-FFContext").Output);
    }

    [Fact]
    public void VerboseShowsEachRequestWithStatusAndTime()
    {
        var result = _f.Connect(extra: "-Verbose");

        Assert.Contains(result.Verbose, v => v.Message.Contains("POST " + _f.Server.BaseUri.AbsoluteUri.TrimEnd('/') + "/auth/validate -> 200") && v.Message.Contains(" ms"));
    }

    [Fact]
    public void DisconnectForgetsTheSession()
    {
        _f.Connect();
        Assert.Single(_f.Shell.Run("Get-FFContext").Output);

        var result = _f.Shell.Run("Disconnect-FFAccount");

        Assert.Empty(result.Errors);
        Assert.Empty(_f.Shell.Run("Get-FFContext").Output);
    }

    [Fact]
    public void ASavedSessionIsPrivateAndResumedByANewSession()
    {
        var connect = _f.Connect(extra: "-Scope CurrentUser -PassThru");
        Assert.Empty(connect.Errors);
        string path = TestAssemblySetup.SessionPath;
        Assert.Equal(path, connect.Output.Single().Properties["SavedSessionPath"].Value);
        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        ModuleState.SimulateNewProcess();
        using var fresh = new ModuleRunspace();
        var resumed = fresh.Run("Get-FFContext");

        var context = Assert.Single(resumed.Output);
        Assert.Equal("CurrentUser", context.Properties["Scope"].Value.ToString());
        Assert.Equal(path, context.Properties["SavedSessionPath"].Value);
        Assert.Equal(true, context.Properties["HasRefreshToken"].Value);

        var disconnect = fresh.Run("Disconnect-FFAccount -Scope CurrentUser -Confirm:$false");
        Assert.Empty(disconnect.Errors);
        Assert.False(File.Exists(path));
        ModuleState.SimulateNewProcess();
        Assert.Empty(fresh.Run("Get-FFContext").Output);
    }

    [Fact]
    public void DisconnectAlsoStopsASavedSessionFromBeingResumedInThisProcess()
    {
        Assert.Empty(_f.Connect(extra: "-Scope CurrentUser").AllErrors);
        ModuleState.SimulateNewProcess();

        Assert.Empty(_f.Shell.Run("Disconnect-FFAccount").AllErrors);

        Assert.Empty(_f.Shell.Run("Get-FFContext").Output);
        Assert.True(File.Exists(TestAssemblySetup.SessionPath), "Process scope must leave the saved file alone.");
    }

    [Fact]
    public void ASessionThatCannotBeSavedStaysConnectedForThisProcess()
    {
        // A path under a regular file can never be created.
        string blocker = Path.Combine(Path.GetTempPath(), "ff-not-a-folder-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(blocker, "x");
        try
        {
            Environment.SetEnvironmentVariable("FUNNELFLUX_SESSION_PATH", Path.Combine(blocker, "session.json"));
            var result = _f.Connect(extra: "-Scope CurrentUser -PassThru");

            var error = Assert.Single(result.Errors);
            Assert.Equal("SessionNotSaved,FunnelFlux.Commands.ConnectFFAccountCommand", error.FullyQualifiedErrorId);
            Assert.Contains("FUNNELFLUX_SESSION_PATH", error.ErrorDetails.RecommendedAction);
            Assert.Equal("Process", Assert.Single(result.Output).Properties["Scope"].Value.ToString());
            Assert.Single(_f.Shell.Run("Get-FFContext").Output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FUNNELFLUX_SESSION_PATH", TestAssemblySetup.SessionPath);
            File.Delete(blocker);
        }
    }

    [Fact]
    public void DisconnectWhatIfKeepsTheSavedSession()
    {
        _f.Connect(extra: "-Scope CurrentUser");
        var result = _f.Shell.Run("Disconnect-FFAccount -Scope CurrentUser -WhatIf");

        Assert.Contains("What if:", result.HostText);
        Assert.True(File.Exists(TestAssemblySetup.SessionPath));
        Assert.Single(_f.Shell.Run("Get-FFContext").Output);
    }

    [Fact]
    public void CtrlCDuringConnectReturnsWithinASecond()
    {
        _f.Server.Options.ValidateDelay = TimeSpan.FromSeconds(20);
        try
        {
            var watch = new Stopwatch();
            var result = _f.Shell.Run(
                "Connect-FFAccount -AccessToken $args[0] -ApiUri $args[1]",
                ps =>
                {
                    Thread.Sleep(400);
                    watch.Start();
                    ps.Stop();
                    watch.Stop();
                },
                EmulatorShellFixture.Secure(_f.Server.DemoAccount.AccessToken), _f.Server.BaseUri);

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {watch.Elapsed}");
            Assert.IsType<PipelineStoppedException>(result.Exception);
            Assert.Empty(result.Output);
        }
        finally
        {
            _f.Server.Options.ValidateDelay = TimeSpan.Zero;
        }
    }

    public void Dispose() => _f.Shell.Run("Disconnect-FFAccount -Scope CurrentUser -Confirm:$false");
}
