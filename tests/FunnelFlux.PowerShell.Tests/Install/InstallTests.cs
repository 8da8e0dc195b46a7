using System.Text.Json;
using System.Text.RegularExpressions;
using FunnelFlux.PowerShell.Tests.Readme;
using FunnelFlux.PowerShell.Tests.Support;

namespace FunnelFlux.PowerShell.Tests.Install;

/// <summary>
/// A Gallery-style install, as a user does it, in real pwsh with a throw-away profile (HOME, XDG
/// folders, PSModulePath and the PSResource repositories all in a temporary folder): the package
/// is published to a local repository, installed, imported by name in a fresh pwsh and used for
/// real against the emulator: connect, list, the README's parallel example, help.
/// </summary>
public sealed class InstallTests : IClassFixture<LocalPackage>
{
    private const string Repository = "FunnelFluxLocal";
    private static readonly TimeSpan PwshTimeout = TimeSpan.FromMinutes(3);
    private readonly LocalPackage _package;

    public InstallTests(LocalPackage package) => _package = package;

    [Fact]
    public async Task PSResourceGetPublishesAndInstallsAModuleThatWorksByName()
    {
        using var profile = new IsolatedProfile("install-psresourceget");
        string feed = Directory.CreateDirectory(Path.Combine(profile.Root, "feed")).FullName;

        ProcessResult install = await PwshAsync(profile, $@"
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name {Repository} -Uri {Quote(feed)} -Trusted
Publish-PSResource -NupkgPath {Quote(_package.PackagePath)} -Repository {Repository}
Install-PSResource -Name FunnelFlux -Repository {Repository} -Scope CurrentUser -TrustRepository
'INSTALLED ' + (Get-InstalledPSResource -Name FunnelFlux -Scope CurrentUser).InstalledLocation
");

        AssertClean(install, "publishing and installing with PSResourceGet");
        Assert.Single(Directory.GetFiles(feed, "FunnelFlux.*.nupkg"));
        Assert.Contains(RepositoryFiles(profile), f => File.ReadAllText(f).Contains(Repository, StringComparison.Ordinal));
        await AssertInstalledModuleWorksAsync(profile);
    }

    [Fact]
    public async Task PowerShellGet2InstallModuleInstallsAModuleThatWorksByName()
    {
        using var profile = new IsolatedProfile("install-powershellget");
        string feed = Directory.CreateDirectory(Path.Combine(profile.Root, "feed")).FullName;
        File.Copy(_package.PackagePath, Path.Combine(feed, Path.GetFileName(_package.PackagePath)));

        ProcessResult install = await PwshAsync(profile, $@"
$ErrorActionPreference = 'Stop'
Import-Module PowerShellGet -MaximumVersion 2.99
Register-PSRepository -Name {Repository} -SourceLocation {Quote(feed)} -InstallationPolicy Trusted
Install-Module -Name FunnelFlux -Repository {Repository} -Scope CurrentUser
'INSTALLED ' + (Get-InstalledModule -Name FunnelFlux).InstalledLocation
");

        AssertClean(install, "installing with PowerShellGet 2's Install-Module");
        Assert.Contains(RepositoryFiles(profile), f => File.ReadAllText(f).Contains(Repository, StringComparison.Ordinal));
        await AssertInstalledModuleWorksAsync(profile);
    }

    /// <summary>A fresh pwsh with that profile imports FunnelFlux by name and uses it against the emulator.</summary>
    private static async Task AssertInstalledModuleWorksAsync(IsolatedProfile profile)
    {
        await using EmulatorProcess emulator = await EmulatorProcess.StartAsync(new[] { "--port", "0", "--seed-samples" });
        IReadOnlyList<string> samples = await emulator.DomainNamesAsync();
        ReadmeBlock parallel = ReadmeDocument.Load().Blocks.Single(b => b.Code.Contains("ForEach-Object -Parallel", StringComparison.Ordinal));
        var environment = new Dictionary<string, string>
        {
            ["FF_TEST_API_URI"] = emulator.ApiUri.AbsoluteUri,
            ["FF_TEST_ACCESS_TOKEN"] = emulator.AccessToken,
            ["FF_TEST_REFRESH_TOKEN"] = emulator.RefreshToken,
        };

        ProcessResult use = await PwshAsync(profile, @"
$ErrorActionPreference = 'Stop'
Import-Module FunnelFlux
$module = Get-Module FunnelFlux
'MODULE ' + $module.Version + ' ' + $module.ModuleBase
Connect-FFAccount -ApiUri $env:FF_TEST_API_URI -AccessToken (ConvertTo-SecureString $env:FF_TEST_ACCESS_TOKEN -AsPlainText -Force) -RefreshToken (ConvertTo-SecureString $env:FF_TEST_REFRESH_TOKEN -AsPlainText -Force)
Remove-Item Env:FF_TEST_ACCESS_TOKEN, Env:FF_TEST_REFRESH_TOKEN
Get-FFDomain | ForEach-Object { 'LISTED ' + $_.Name }
'SYNOPSIS ' + (Get-Help Test-FFDomain).Synopsis
'ABOUT ' + ((Get-Help about_FunnelFlux | Out-String) -match 'Connect-FFAccount')
'--- README parallel example ---'
" + parallel.Code, environment);

        AssertClean(use, "using the installed module by name");
        Match module = Regex.Match(use.StdOut, @"^MODULE (\S+) (.+?)\s*$", RegexOptions.Multiline);
        Assert.True(module.Success, use.Describe());
        Assert.StartsWith(profile.UserModulesFolder, Path.GetFullPath(module.Groups[2].Value), StringComparison.Ordinal);
        Assert.Equal(samples.Order(), Regex.Matches(use.StdOut, @"^LISTED (\S+)\s*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Order());
        Match synopsis = Regex.Match(use.StdOut, @"^SYNOPSIS (.+)$", RegexOptions.Multiline);
        Assert.True(synopsis.Success && !synopsis.Value.Contains("<CommonParameters>", StringComparison.Ordinal), "Get-Help found no help for Test-FFDomain:\n" + use.Describe());
        Assert.Matches(@"(?m)^ABOUT True\s*$", use.StdOut);

        // The parallel runspaces really imported the module and called the API with the shared context.
        var checks = (await emulator.RequestsAsync())
            .Where(r => r.GetProperty("method").GetString() == "POST" && r.GetProperty("path").GetString()!.EndsWith("/domains/check", StringComparison.Ordinal))
            .Select(r => r.GetProperty("body").GetString() ?? string.Empty)
            .ToList();
        Assert.Contains(checks, b => b.Contains("a.example.com", StringComparison.Ordinal));
        Assert.Contains(checks, b => b.Contains("b.example.com", StringComparison.Ordinal));
        foreach (string token in await emulator.IssuedTokensAsync())
        {
            Assert.False(use.StdOut.Contains(token, StringComparison.Ordinal), "A token appears in the installed module's output.");
        }
    }

    /// <summary>Runs a script in a fresh pwsh with <paramref name="profile"/>, from a folder of that profile.</summary>
    private static Task<ProcessResult> PwshAsync(IsolatedProfile profile, string script, IDictionary<string, string>? environment = null) =>
        Pwsh.CommandAsync(profile, profile.WorkFolder, script, PwshTimeout, environment);

    private static void AssertClean(ProcessResult result, string what)
    {
        Assert.False(result.TimedOut, $"Timed out {what}:\n{result.Describe()}");
        Assert.True(result.ExitCode == 0 && result.StdErr.Trim().Length == 0, $"Failed {what}:\n{result.Describe()}");
        Assert.DoesNotContain("WARNING:", result.StdOut, StringComparison.Ordinal);
    }

    /// <summary>The repository lists PSResourceGet and PowerShellGet wrote, all inside the profile.</summary>
    private static IEnumerable<string> RepositoryFiles(IsolatedProfile profile) =>
        Directory.EnumerateFiles(profile.Root, "*.xml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is "PSResourceRepository.xml" or "PSRepositories.xml");

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
