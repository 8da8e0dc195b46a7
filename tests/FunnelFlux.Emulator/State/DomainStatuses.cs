namespace FunnelFlux.Emulator;

/// <summary>The status strings the emulator uses (a subset of what Cloudflare reports).</summary>
internal static class DomainStatuses
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string PendingValidation = "pending_validation";
}
