using System.Net;
using System.Security;
using FunnelFlux.Emulator;
using FunnelFlux.Tests.Shared;

namespace FunnelFlux.Module.Tests.Hosting;

/// <summary>An emulator on loopback and a runspace with the module imported, for one test class.</summary>
public sealed class EmulatorShellFixture : IAsyncLifetime
{
    public EmulatorServer Server { get; private set; } = null!;

    public ModuleRunspace Shell { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await EmulatorServer.StartAsync();
        Secrets.Register(Server);
        Shell = new ModuleRunspace();
    }

    public static SecureString Secure(string value) => new NetworkCredential(string.Empty, value).SecurePassword;

    /// <summary>Connects the shell as <paramref name="account"/> (the demo account by default).</summary>
    public ScriptResult Connect(EmulatorAccount? account = null, string extra = "")
    {
        account ??= Server.DemoAccount;
        return Shell.Run(
            $"Connect-FFAccount -AccessToken $args[0] -RefreshToken $args[1] -ApiUri $args[2] {extra}",
            Secure(account.AccessToken), Secure(account.RefreshToken), Server.BaseUri);
    }

    /// <summary>
    /// Each domain test starts connected as the demo account, with no domains, no faults, the
    /// emulator's default timings and an empty request log.
    /// </summary>
    public void StartClean()
    {
        Assert.Empty(Connect().AllErrors);
        foreach (var d in Server.DomainsOf(Server.DemoAccount).ToList())
        {
            Assert.Empty(Shell.Run("Remove-FFDomain -Domain $args[0] -Force", d.Domain).AllErrors);
        }
        Server.Options.RefreshesUntilActive = 3;
        Server.Options.RequestDelay = TimeSpan.Zero;
        Server.Faults.Clear();
        Server.ClearRequests();
    }

    public int Count(string method, string pathPrefix) =>
        Server.Requests.Count(r => r.Method == method && r.Path.StartsWith("/v1/" + pathPrefix.TrimStart('/'), StringComparison.Ordinal));

    public async Task DisposeAsync()
    {
        Shell.Run("Disconnect-FFAccount -Scope CurrentUser -Confirm:$false");
        Shell.Dispose();
        await Server.DisposeAsync();
    }
}
