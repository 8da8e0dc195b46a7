namespace FunnelFlux.Emulator;

/// <summary>What --seed-samples puts into the demo account: one domain in each state a user meets.</summary>
internal static class SampleDomains
{
    public static readonly (string Name, DomainSeedState State)[] All =
    {
        ("offers.example.com", DomainSeedState.Active),
        ("landing.example.org", DomainSeedState.Pending),
        ("promo.example.net", DomainSeedState.VerificationErrors),
    };
}
