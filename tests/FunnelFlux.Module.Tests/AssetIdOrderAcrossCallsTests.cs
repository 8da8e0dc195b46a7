using System.Management.Automation;
using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>
/// New-FFAssetId draws from one generator per process: IDs made on the clock ascend across calls
/// and across runspaces, not only within one call.
/// </summary>
public class AssetIdOrderAcrossCallsTests : IClassFixture<ModuleRunspaceFixture>
{
    private readonly ModuleRunspace _shell;

    public AssetIdOrderAcrossCallsTests(ModuleRunspaceFixture fixture) => _shell = fixture.Shell;

    [Fact]
    public void TenSuccessiveCallsAreDistinctAndStrictlyAscending()
    {
        // Back-to-back calls of this size mostly meet inside one millisecond, where a generator
        // per call used to break the order at about half the boundaries.
        var result = _shell.Run("foreach ($call in 1..10) { New-FFAssetId -Count 100000 }");
        Assert.True(result.Errors.Count == 0 && result.Exception is null, result.ToString());
        var ids = result.OutputAs<string>().ToList();
        Assert.Equal(1_000_000, ids.Count);
        AssertStrictlyAscending(ids);
    }

    [Fact]
    public void ParallelRunspacesGetDistinctIdsThatAscendWithinEachAndBeforeLaterCalls()
    {
        const string script = """
            $manifest = $args[0]
            1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
                Import-Module -Name $using:manifest -ErrorAction Stop
                # One array per runspace: five successive calls in that runspace.
                , @(foreach ($call in 1..5) { New-FFAssetId -Count 20000 })
            }
            """;
        var result = _shell.Run(script, ModulePaths.ManifestPath);
        Assert.True(result.Errors.Count == 0 && result.Exception is null, result.ToString());
        var perRunspace = result.Output.Select(o => ((object[])o.BaseObject).Select(AsString).ToList()).ToList();

        Assert.Equal(4, perRunspace.Count);
        foreach (var ids in perRunspace)
        {
            Assert.Equal(100_000, ids.Count);
            AssertStrictlyAscending(ids);
        }
        var all = perRunspace.SelectMany(ids => ids).ToList();
        Assert.Equal(all.Count, new HashSet<string>(all, StringComparer.Ordinal).Count);

        // This runspace shares the generator with the parallel ones: its next ID is greater than all of theirs.
        var after = (string)Assert.Single(_shell.Run("New-FFAssetId").Output).BaseObject;
        Assert.All(all, id => Assert.True(string.CompareOrdinal(id, after) < 0, $"{id} !< {after}"));
    }

    private static string AsString(object id) => (string)(id is PSObject wrapped ? wrapped.BaseObject : id);

    private static void AssertStrictlyAscending(IReadOnlyList<string> ids)
    {
        for (int i = 1; i < ids.Count; i++)
        {
            Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0, $"{ids[i - 1]} !< {ids[i]} at {i}");
        }
    }
}
