using System.IO.Compression;
using System.Management.Automation;
using System.Xml.Linq;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// The .nupkg is what the PowerShell Gallery receives: the module folder at the package root,
/// and a nuspec that agrees with the manifest, including the tags PowerShellGet searches by.
/// </summary>
public class PackageTests : IClassFixture<PackedModule>, IClassFixture<ModuleRunspaceFixture>
{
    /// <summary>Files NuGet itself adds to every package; everything else must be the module.</summary>
    private static readonly string[] NuGetOwnEntries = { "[Content_Types].xml", "_rels/", "package/", "FunnelFlux.nuspec" };

    private readonly PackedModule _package;
    private readonly ModuleRunspace _shell;

    public PackageTests(PackedModule package, ModuleRunspaceFixture fixture)
    {
        _package = package;
        _shell = fixture.Shell;
    }

    [Fact]
    public void PackageHoldsExactlyTheModuleFolderAtItsRoot()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        var payload = zip.Entries
            .Select(e => e.FullName)
            .Where(name => !NuGetOwnEntries.Any(own => name == own || (own.EndsWith('/') && name.StartsWith(own, StringComparison.Ordinal))))
            .Order(StringComparer.Ordinal)
            .ToList();
        var folder = Directory.GetFiles(ModulePaths.ModuleFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ModulePaths.ModuleFolder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(folder, payload);
        Assert.Contains("en-US/FunnelFlux.dll-Help.xml", payload);
        Assert.Contains("dependencies/net8.0/FunnelFlux.Core.dll", payload);
        Assert.DoesNotContain(payload, p => p.StartsWith("lib/", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void NuspecAgreesWithTheManifest()
    {
        var manifest = TestManifest(ModulePaths.ManifestPath);
        XElement nuspec = ReadNuspec();
        XNamespace ns = nuspec.Name.Namespace;
        XElement metadata = nuspec.Element(ns + "metadata")!;
        string Field(string name) => metadata.Element(ns + name)?.Value ?? string.Empty;

        Assert.Equal("FunnelFlux", Field("id"));
        Assert.Equal(manifest.Version, Version.Parse(Field("version")));
        Assert.Equal(manifest.Description, Field("description"));
        Assert.Equal(manifest.Author, Field("authors"));
        Assert.Equal(manifest.ProjectUri, new Uri(Field("projectUrl")));
        Assert.Equal(manifest.ReleaseNotes, Field("releaseNotes"));
        Assert.Equal("MIT", Field("license"));
        Assert.Empty(metadata.Descendants(ns + "dependency"));

        var tags = Field("tags").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(tags.Length, tags.Distinct().Count());
        // The Gallery's platform filter: the module runs on all three (README, netstandard2.0 and net8.0 builds).
        Assert.Superset(new HashSet<string> { "Windows", "Linux", "MacOS" }, new HashSet<string>(tags));
        var expected = manifest.Tags
            .Concat(new[] { "PSModule", "PSEdition_Desktop", "PSEdition_Core", "PSIncludes_Cmdlet" })
            .Concat(manifest.ExportedCmdlets.Keys.SelectMany(c => new[] { "PSCmdlet_" + c, "PSCommand_" + c }));
        Assert.Equal(expected.Order(StringComparer.Ordinal), tags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ExtractedManifestPassesTestModuleManifest()
    {
        string extracted = Path.Combine(_package.Folder, "extracted", "FunnelFlux");
        ZipFile.ExtractToDirectory(_package.PackagePath, extracted, overwriteFiles: true);
        var info = TestManifest(Path.Combine(extracted, "FunnelFlux.psd1"));
        Assert.Equal("FunnelFlux", info.Name);
        Assert.Equal(ModuleLayoutTests.ExpectedCmdlets.Order(), info.ExportedCmdlets.Keys.Order());
        Assert.True(File.Exists(Path.Combine(extracted, "en-US", "FunnelFlux.dll-Help.xml")));
    }

    private PSModuleInfo TestManifest(string path)
    {
        var result = _shell.Run("Test-ModuleManifest -Path $args[0] -ErrorAction Stop", path);
        Assert.True(result.Exception is null && result.Errors.Count == 0, result.ToString());
        return Assert.Single(result.OutputAs<PSModuleInfo>());
    }

    private XElement ReadNuspec()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        using var stream = zip.GetEntry("FunnelFlux.nuspec")!.Open();
        return XDocument.Load(stream).Root!;
    }
}
