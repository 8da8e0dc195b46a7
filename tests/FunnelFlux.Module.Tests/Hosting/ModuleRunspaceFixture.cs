namespace FunnelFlux.Module.Tests.Hosting;

/// <summary>One imported-module runspace shared by the tests of a class.</summary>
public sealed class ModuleRunspaceFixture : IDisposable
{
    public ModuleRunspace Shell { get; } = new();

    public void Dispose() => Shell.Dispose();
}
