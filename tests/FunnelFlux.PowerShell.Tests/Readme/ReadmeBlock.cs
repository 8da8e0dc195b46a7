namespace FunnelFlux.PowerShell.Tests.Readme;

/// <summary>How the doc-test treats a ```powershell block, as its README marker says.</summary>
public enum BlockKind
{
    /// <summary>No marker: runs on its own in a fresh pwsh, from the repository folder.</summary>
    Standalone,

    /// <summary>`doc-test: setup`: the session setup (import and connect) that `after setup` blocks run after.</summary>
    Setup,

    /// <summary>`doc-test: after setup`: runs in a fresh pwsh right after the setup block.</summary>
    AfterSetup,

    /// <summary>`doc-test: skip (reason)`: not run; reported as skipped with its reason.</summary>
    Skip,
}

/// <summary>One ```powershell block of the README and its doc-test marker.</summary>
public sealed record ReadmeBlock(int Number, int Line, string Section, string Code, BlockKind Kind, string? SkipReason, IReadOnlyList<string> Files)
{
    /// <summary>"block 3 (line 58, Try it without an account)", as rows and messages name it.</summary>
    public string Title => $"block {Number} (line {Line}, {Section})";
}
