namespace FunnelFlux.Emulator;

/// <summary>The status strings the emulator uses (a subset of what Cloudflare reports).</summary>
internal static class DomainStatuses
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string PendingValidation = "pending_validation";
}

/// <summary>The state a domain is put into when seeded directly (not through the API).</summary>
public enum DomainSeedState
{
    /// <summary>Just created: pending, waiting for Cloudflare (activates as a created domain would).</summary>
    Pending,

    /// <summary>Validated: status and SSL active.</summary>
    Active,

    /// <summary>Pending with Cloudflare's verification errors (wrong DNS); it never activates.</summary>
    VerificationErrors,
}

/// <summary>The names of <see cref="DomainSeedState"/> on the command line and the control endpoint.</summary>
internal static class DomainSeedStates
{
    private static readonly (string Name, DomainSeedState State)[] Names =
    {
        ("pending", DomainSeedState.Pending),
        ("active", DomainSeedState.Active),
        ("verificationErrors", DomainSeedState.VerificationErrors),
    };

    public static string List => string.Join(", ", Names.Select(n => n.Name));

    public static string Name(DomainSeedState state) => Names.First(n => n.State == state).Name;

    /// <summary>Null or empty is pending; otherwise a name (any case), or a <see cref="FormatException"/>.</summary>
    public static DomainSeedState Parse(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return DomainSeedState.Pending;
        }

        foreach ((string n, DomainSeedState state) in Names)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                return state;
            }
        }

        throw new FormatException($"Unknown domain state '{name}'; the states are {List}.");
    }
}
