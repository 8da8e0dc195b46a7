namespace FunnelFlux.Emulator;

/// <summary>What the command line asked for; every value is already validated.</summary>
internal sealed record EmulatorSettings
{
    public bool Help { get; init; }

    /// <summary>--urls as given (null when absent).</summary>
    public string? Urls { get; init; }

    /// <summary>--port (0 = any free port), null when absent.</summary>
    public int? Port { get; init; }

    public TimeSpan? AccessTokenLifetime { get; init; }

    public int? RefreshesUntilActive { get; init; }

    public int? ExpiredTokenStatus { get; init; }

    public TimeSpan Latency { get; init; }

    public bool SeedSamples { get; init; }

    public IReadOnlyList<(string Name, DomainSeedState State)> SeedDomains { get; init; } = Array.Empty<(string, DomainSeedState)>();

    public IReadOnlyList<FaultSpec> Faults { get; init; } = Array.Empty<FaultSpec>();

    public TimeSpan ClockOffset { get; init; }

    public bool Https { get; init; }

    public bool Quiet { get; init; }

    public string? ReadyFile { get; init; }

    public bool ExitOnStdinClose { get; init; }
}
