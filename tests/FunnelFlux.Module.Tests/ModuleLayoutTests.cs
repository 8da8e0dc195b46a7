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
        "Invoke-FFApiRequest",
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
        // Run a cmdlet first: FunnelFlux.Core.dll loads on first use (this test must not depend
        // on other tests running first). The core's types are not nameable from PowerShell (they
        // live in the private context), so it is found among the loaded assemblies.
        var result = _shell.Run(
            "$null = Test-FFAssetId -Id x; (Get-Module FunnelFlux).ModuleBase; [FunnelFlux.AssetIdInfo].Assembly.Location; " +
            "([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'FunnelFlux.Core' }).Location");
        var paths = result.Output.Select(o => Path.GetFullPath(o.ToString()!)).ToList();
        string folder = Path.GetFullPath(ModulePaths.ModuleFolder);
        Assert.Equal(3, paths.Count);
        Assert.Equal(folder.TrimEnd('/'), paths[0].TrimEnd('/'));
        Assert.Equal(Path.Combine(folder, "FunnelFlux.Models.dll"), paths[1]);
        Assert.Equal(Path.Combine(folder, "dependencies", "net8.0", "FunnelFlux.Core.dll"), paths[2]);
    }

    [Fact]
    public void DependenciesLoadInTheModulesPrivateContextAndUserTypesInTheDefaultOne()
    {
        var result = _shell.Run(
            // A connection attempt builds a session, which loads Polly.Core; port 1 on loopback
            // refuses at once, so nothing but that attempt happens.
            "$null = New-FFAssetId; try { Connect-FFAccount -ApiUri http://127.0.0.1:1/v1 -AccessToken $args[0] -MaxRetries 0 -ErrorAction Stop 3>$null } catch { }; " +
            "foreach ($a in [AppDomain]::CurrentDomain.GetAssemblies()) { $n = $a.GetName().Name; " +
            "  if ($n -in 'FunnelFlux', 'FunnelFlux.Models', 'FunnelFlux.Core', 'Polly.Core') { " +
            "    $c = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($a); '{0}|{1}|{2}' -f $n, ($c -eq [System.Runtime.Loader.AssemblyLoadContext]::Default), $c.GetType().FullName } }",
            new System.Net.NetworkCredential(string.Empty, "not-a-token").SecurePassword);
        Assert.Empty(result.Errors);
        var contexts = result.Output.Select(o => o.ToString()!.Split('|')).ToDictionary(p => p[0], p => (IsDefault: bool.Parse(p[1]), Type: p[2]));
        Assert.True(contexts["FunnelFlux"].IsDefault);
        Assert.True(contexts["FunnelFlux.Models"].IsDefault);
        Assert.False(contexts["FunnelFlux.Core"].IsDefault);
        Assert.Equal("FunnelFlux.Commands.Loading.PrivateLoadContext", contexts["FunnelFlux.Core"].Type);
        Assert.Equal(contexts["FunnelFlux.Core"], contexts["Polly.Core"]);

        // The types users name resolve as type literals, and are the very types the core produces.
        var named = _shell.Run("[FunnelFlux.Domain].FullName; (Test-FFAssetId -Id x -Detailed) -is [FunnelFlux.AssetIdInfo]");
        Assert.Empty(named.Errors);
        Assert.Equal(new[] { "FunnelFlux.Domain", "True" }, named.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void EveryVerbIsApproved()
    {
        // What a user (and PSScriptAnalyzer) checks against: Get-Verb of the hosted 7.6 engine.
        var approved = _shell.Run("Get-Verb | ForEach-Object Verb").OutputAs<string>().ToHashSet();
        Assert.Contains("Get", approved);
        Assert.Contains("Invoke", approved);
        var result = _shell.Run("Get-Command -Module FunnelFlux");
        var commands = result.OutputAs<CmdletInfo>().ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.Contains(c.Verb, approved));
        Assert.All(commands, c => Assert.StartsWith("FF", c.Noun, StringComparison.Ordinal));
    }

    [Fact]
    public void FolderHoldsTheModuleAndEachBuildOfTheCoreInItsOwnFolder()
    {
        string folder = ModulePaths.ModuleFolder;
        Assert.Equal(
            new[] { "FunnelFlux.Format.ps1xml", "FunnelFlux.Models.dll", "FunnelFlux.dll", "FunnelFlux.psd1" },
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "dependencies", "en-US" }, Directory.GetDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(
            new[] { "FunnelFlux.dll-Help.xml", "about_FunnelFlux.help.txt" },
            Directory.GetFiles(Path.Combine(folder, "en-US")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "net8.0", "netstandard2.0" },
            Directory.GetDirectories(Path.Combine(folder, "dependencies")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var net8 = FileNames(Path.Combine(folder, "dependencies", "net8.0"));
        // PowerShell 7 brings its own System.Text.Json and TimeProvider: only Polly.Core ships beside the core.
        Assert.Equal(new[] { "FunnelFlux.Core.dll", "Polly.Core.dll" }, net8.Order(StringComparer.Ordinal));
        var netstandard = FileNames(Path.Combine(folder, "dependencies", "netstandard2.0"));
        Assert.Contains("FunnelFlux.Core.dll", netstandard);
        Assert.Contains("Polly.Core.dll", netstandard);
        Assert.Contains("System.Text.Json.dll", netstandard);
        Assert.Contains("Microsoft.Bcl.TimeProvider.dll", netstandard);

        var everything = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain("System.Management.Automation.dll", everything);
        Assert.DoesNotContain("FunnelFlux.Models.dll", net8.Concat(netstandard));
        Assert.DoesNotContain(everything, f => f!.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TheLaidOutManifestListsEveryFileThatShips()
    {
        var result = _shell.Run("(Test-ModuleManifest -Path $args[0] -ErrorAction Stop).FileList", ModulePaths.ManifestPath);
        Assert.Empty(result.Errors);
        string folder = Path.GetFullPath(ModulePaths.ModuleFolder);
        var listed = result.Output.Select(o => Path.GetRelativePath(folder, o.ToString()!).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        var present = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        Assert.Contains("dependencies/net8.0/Polly.Core.dll", listed);
        Assert.Equal(present, listed);
    }

    [Fact]
    public void TheEngineLoadedAssembliesReferenceOnlyTheHostTheModelsAndTheCore()
    {
        // FunnelFlux.dll is compiled against the netstandard2.0 core but runs against the net8.0
        // one on PowerShell 7: a reference to a package that only one build carries (such as
        // Microsoft.Bcl.TimeProvider) would break every cmdlet that touches it there.
        var allowed = new HashSet<string>(StringComparer.Ordinal)
        {
            "netstandard", "System.Management.Automation", "System.Runtime.Loader", "FunnelFlux.Models", "FunnelFlux.Core",
        };
        foreach (string dll in new[] { "FunnelFlux.dll", "FunnelFlux.Models.dll" })
        {
            foreach (var reference in ReferencesOf(Path.Combine(ModulePaths.ModuleFolder, dll)))
            {
                Assert.True(allowed.Contains(reference.Name!), $"{dll} references {reference.Name}, which only some builds ship.");
            }
        }
        Assert.DoesNotContain(ReferencesOf(Path.Combine(ModulePaths.ModuleFolder, "FunnelFlux.Models.dll")), r => r.Name!.StartsWith("FunnelFlux", StringComparison.Ordinal));
    }

    /// <summary>
    /// Windows PowerShell 5.1 cannot run here, so this checks on paper that it could load every
    /// dll the module ships for it: each reference of each shipped assembly resolves to a file of
    /// the same folder (at the version asked for, or a later one), to the engine-loaded
    /// assemblies, or to what .NET Framework 4.7.2 itself provides.
    /// </summary>
    [Fact]
    public void EveryReferenceOfTheWindowsPowerShellBuildResolvesToAShippedFileOrTheFramework()
    {
        string folder = Path.Combine(ModulePaths.ModuleFolder, "dependencies", "netstandard2.0");
        var shipped = Directory.GetFiles(folder, "*.dll").ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => VersionOf(f), StringComparer.Ordinal);
        var engineLoaded = new[] { "FunnelFlux", "FunnelFlux.Models" };
        // The .NET Framework 4.7.2 assemblies a netstandard2.0 library may bind to (its netstandard
        // facade is in-box since 4.7.1).
        var framework = new HashSet<string>(StringComparer.Ordinal)
        {
            "netstandard", "mscorlib", "System", "System.Core", "System.Net.Http", "System.Numerics", "System.Runtime.Serialization",
            "System.Xml", "System.Data", "System.ComponentModel.DataAnnotations", "System.Security",
        };
        var roots = engineLoaded.Select(n => Path.Combine(ModulePaths.ModuleFolder, n + ".dll"))
            .Concat(Directory.GetFiles(folder, "*.dll"));
        foreach (string dll in roots)
        {
            foreach (var reference in ReferencesOf(dll))
            {
                string name = reference.Name!;
                if (framework.Contains(name) || engineLoaded.Contains(name) || name is "System.Management.Automation" or "System.Runtime.Loader")
                {
                    continue;
                }
                Assert.True(shipped.TryGetValue(name, out var version), $"{Path.GetFileName(dll)} references {name}, which is neither shipped in {folder} nor part of .NET Framework 4.7.2.");
                Assert.True(version >= reference.Version, $"{Path.GetFileName(dll)} wants {name} {reference.Version}, but {version} ships.");
            }
        }
    }

    [Fact]
    public void EveryReferenceOfThePowerShell7BuildResolvesToAShippedFileOrTheRuntime()
    {
        string folder = Path.Combine(ModulePaths.ModuleFolder, "dependencies", "net8.0");
        string runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        foreach (string dll in Directory.GetFiles(folder, "*.dll"))
        {
            foreach (var reference in ReferencesOf(dll))
            {
                string name = reference.Name!;
                bool resolves = File.Exists(Path.Combine(folder, name + ".dll")) || File.Exists(Path.Combine(runtime, name + ".dll")) || name == "FunnelFlux.Models";
                Assert.True(resolves, $"{Path.GetFileName(dll)} references {name}, which is neither shipped in {folder} nor part of the .NET runtime.");
            }
        }
    }

    private static string[] FileNames(string folder) => Directory.GetFiles(folder).Select(f => Path.GetFileName(f)!).ToArray();

    private static Version VersionOf(string dll)
    {
        using var stream = File.OpenRead(dll);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.GetAssemblyDefinition().Version;
    }

    private static List<System.Reflection.AssemblyName> ReferencesOf(string dll)
    {
        using var stream = File.OpenRead(dll);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h).GetAssemblyName()).ToList();
    }
}
