using System.Management.Automation;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

public class ModuleLayoutTests : IClassFixture<ModuleRunspaceFixture>
{
    /// <summary>The cmdlets this release exports; a new cmdlet must be added here on purpose.</summary>
    public static readonly string[] ExpectedCmdlets =
    {
        "Connect-FFAccount",
        "Disconnect-FFAccount",
        "Get-FFContext",
        "Get-FFDomain",
        "Invoke-FFDomainRefresh",
        "New-FFAssetId",
        "New-FFDomain",
        "Remove-FFDomain",
        "Test-FFAssetId",
        "Test-FFDomain",
    };

    private readonly ModuleRunspace _shell;

    public ModuleLayoutTests(ModuleRunspaceFixture fixture) => _shell = fixture.Shell;

    [Fact]
    public void ManifestPassesTestModuleManifest()
    {
        var result = _shell.Run("Test-ModuleManifest -Path $args[0] -ErrorAction Stop", ModulePaths.ManifestPath);
        Assert.Null(result.Exception);
        Assert.Empty(result.Errors);
        var info = Assert.Single(result.OutputAs<PSModuleInfo>());
        Assert.Equal("FunnelFlux", info.Name);
        Assert.Equal(new[] { "Core", "Desktop" }, info.CompatiblePSEditions.OrderBy(e => e));
        Assert.Equal(new Version(5, 1), info.PowerShellVersion);
        Assert.Equal(ExpectedCmdlets.Order(), info.ExportedCmdlets.Keys.Order());
        Assert.Empty(info.ExportedFunctions);
        Assert.Empty(info.ExportedAliases);
        Assert.Empty(info.ExportedVariables);
    }

    [Fact]
    public void ManifestCarriesGalleryMetadata()
    {
        var result = _shell.Run("Test-ModuleManifest -Path $args[0] -ErrorAction Stop", ModulePaths.ManifestPath);
        var info = Assert.Single(result.OutputAs<PSModuleInfo>());
        Assert.Equal("FunnelFlux.dll", info.RootModule);
        Assert.NotEqual(Guid.Empty, info.Guid);
        Assert.False(string.IsNullOrWhiteSpace(info.Author));
        Assert.False(string.IsNullOrWhiteSpace(info.CompanyName));
        Assert.False(string.IsNullOrWhiteSpace(info.Copyright));
        Assert.False(string.IsNullOrWhiteSpace(info.Description));
        Assert.NotNull(info.ProjectUri);
        Assert.NotNull(info.LicenseUri);
        Assert.NotEmpty(info.Tags);
        Assert.False(string.IsNullOrWhiteSpace(info.ReleaseNotes));
        var manifestText = File.ReadAllText(ModulePaths.ManifestPath);
        Assert.DoesNotContain("'*'", manifestText);
    }

    [Fact]
    public void ModuleVersionIsTheAssemblyVersion()
    {
        var result = _shell.Run(
            "$m = Get-Module FunnelFlux; $m.Version.ToString(); [FunnelFlux.Commands.NewFFAssetIdCommand].Assembly.GetName().Version.ToString()");
        var versions = result.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(2, versions.Count);
        Assert.StartsWith(versions[0], versions[1], StringComparison.Ordinal);
    }

    [Fact]
    public void GetCommandListsExactlyTheExportedCmdlets()
    {
        var result = _shell.Run("Get-Command -Module FunnelFlux");
        Assert.Empty(result.Errors);
        var names = result.OutputAs<CommandInfo>().Select(c => c.Name).Order().ToArray();
        Assert.Equal(ExpectedCmdlets.Order(), names);
        Assert.All(result.OutputAs<CommandInfo>(), c => Assert.Equal(CommandTypes.Cmdlet, c.CommandType));
    }

    [Fact]
    public void ModuleIsImportedFromTheLaidOutFolder()
    {
        // Run a cmdlet first: FunnelFlux.Core.dll loads on first use, and the type literal below
        // resolves only once it is loaded (this test must not depend on other tests running first).
        var result = _shell.Run("$null = Test-FFAssetId -Id x; (Get-Module FunnelFlux).ModuleBase; [FunnelFlux.Ids.AssetIdFormat].Assembly.Location");
        var paths = result.Output.Select(o => Path.GetFullPath(o.ToString()!)).ToList();
        Assert.Equal(Path.GetFullPath(ModulePaths.ModuleFolder).TrimEnd('/'), paths[0].TrimEnd('/'));
        Assert.Equal(Path.Combine(Path.GetFullPath(ModulePaths.ModuleFolder), "FunnelFlux.Core.dll"), paths[1]);
    }

    [Fact]
    public void EveryVerbIsApproved()
    {
        // Get-Verb lives in the Utility module, which the hosted engine lacks; the approved verbs
        // are the constants of the engine's Verbs* classes, which is what Get-Verb lists.
        var verbClasses = new[]
        {
            typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic),
            typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity),
        };
        var approved = verbClasses.SelectMany(t => t.GetFields()).Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.Contains("Get", approved);
        var result = _shell.Run("Get-Command -Module FunnelFlux");
        var commands = result.OutputAs<CmdletInfo>().ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.Contains(c.Verb, approved));
        Assert.All(commands, c => Assert.StartsWith("FF", c.Noun, StringComparison.Ordinal));
    }

    [Fact]
    public void FolderHoldsTheModuleAndEveryDependencyButNoEngineStub()
    {
        var files = Directory.GetFiles(ModulePaths.ModuleFolder).Select(Path.GetFileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Contains("FunnelFlux.psd1", files);
        Assert.Contains("FunnelFlux.Format.ps1xml", files);
        Assert.Contains("FunnelFlux.dll-Help.xml", files);
        Assert.Contains("about_FunnelFlux.help.txt", files);
        Assert.Contains("FunnelFlux.dll", files);
        Assert.Contains("FunnelFlux.Core.dll", files);
        Assert.Contains("System.Text.Json.dll", files);
        Assert.Contains("Polly.Core.dll", files);
        Assert.DoesNotContain("System.Management.Automation.dll", files);
        Assert.DoesNotContain(files, f => f!.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(Directory.GetDirectories(ModulePaths.ModuleFolder));

        // Every assembly a module dll references is in the folder, or is supplied by every host.
        var hostSupplied = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "netstandard", "mscorlib", "System.Management.Automation" };
        foreach (var dll in files.Where(f => f!.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
        {
            using var stream = File.OpenRead(Path.Combine(ModulePaths.ModuleFolder, dll!));
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.AssemblyReferences)
            {
                var name = reader.GetString(reader.GetAssemblyReference(handle).Name);
                Assert.True(hostSupplied.Contains(name) || files.Contains(name + ".dll"), $"{dll} references {name}, which is not in the module folder.");
            }
        }
    }
}
