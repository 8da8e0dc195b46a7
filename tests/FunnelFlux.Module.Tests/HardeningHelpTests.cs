using FunnelFlux.Module.Tests.Hosting;

namespace FunnelFlux.Module.Tests;

/// <summary>The about topic says how one intent maps to one request, and how the rest of issue 8 behaves.</summary>
public sealed class HardeningHelpTests : IClassFixture<ModuleRunspaceFixture>
{
    private readonly ModuleRunspace _shell;

    public HardeningHelpTests(ModuleRunspaceFixture fixture) => _shell = fixture.Shell;

    [Theory]
    [InlineData("ONE INTENT, ONE REQUEST")]
    [InlineData("the number of\nrequests that reach FunnelFlux is the number of attempts the module decided to make")]
    [InlineData("reaches it exactly once, unless the module knows that\nFunnelFlux did not act on it")]
    [InlineData("stops\n  such a second send before a byte of it leaves")]
    [InlineData("a 429 holds back the whole session")]
    [InlineData("The module never asks early")]
    [InlineData("NAMES AND TOKENS MEAN WHAT THEY SAY")]
    [InlineData("at\nmost once per expiry")]
    [InlineData("SavedSessionUnreadable")]
    public void AboutFunnelFluxExplains(string passage)
    {
        var result = _shell.Run("Get-Help about_FunnelFlux");
        Assert.Empty(result.Errors);

        string text = Flatten(string.Join("\n", result.Output.Select(o => o.ToString())));
        Assert.Contains(Flatten(passage), text);
    }

    private static string Flatten(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}
