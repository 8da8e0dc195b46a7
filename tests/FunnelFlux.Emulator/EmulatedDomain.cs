namespace FunnelFlux.Emulator;

/// <summary>
/// A custom domain held by the emulator. Instances handed out by <see cref="EmulatorServer.DomainsOf"/>
/// are copies: they do not change when the emulator's state does.
/// </summary>
public sealed class EmulatedDomain
{
    internal EmulatedDomain(string domain, string owner, DateTimeOffset createdAt)
    {
        Domain = domain;
        Owner = owner;
        CreatedAt = createdAt;
        Id = Guid.NewGuid().ToString();
        CloudflareId = Guid.NewGuid().ToString();
        TxtName = "_acme-challenge." + domain;
        TxtValue = RandomText.Token(43);
        OwnershipName = "_cf-custom-hostname." + domain;
        OwnershipValue = Guid.NewGuid().ToString();
    }

    /// <summary>The hostname, lower-case.</summary>
    public string Domain { get; }

    /// <summary>Name of the owning <see cref="EmulatorAccount"/>.</summary>
    public string Owner { get; }

    public string Id { get; }

    public string CloudflareId { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Cloudflare hostname status: "pending" until activation, then "active".</summary>
    public string Status { get; internal set; } = DomainStatuses.Pending;

    /// <summary>Cloudflare SSL status: "pending_validation" until activation, then "active".</summary>
    public string SslStatus { get; internal set; } = DomainStatuses.PendingValidation;

    /// <summary>How many refresh calls the domain has seen.</summary>
    public int RefreshCount { get; internal set; }

    public string TxtName { get; }

    public string TxtValue { get; }

    public string OwnershipType => "txt";

    public string OwnershipName { get; }

    public string OwnershipValue { get; }

    public bool IsActive => Status == DomainStatuses.Active;

    /// <summary>
    /// True for a domain seeded as <see cref="DomainSeedState.VerificationErrors"/>: its DNS is wrong,
    /// Cloudflare reports why, and it never becomes active (nothing in the emulator fixes DNS).
    /// </summary>
    public bool HasDnsErrors { get; internal set; }

    /// <summary>
    /// What the API reports as verification_errors: one hint while pending, Cloudflare's findings for
    /// a domain with DNS errors, none once active.
    /// </summary>
    public IReadOnlyList<string> VerificationErrors
    {
        get
        {
            if (IsActive)
            {
                return Array.Empty<string>();
            }

            return HasDnsErrors
                ? new[]
                {
                    $"TXT record {OwnershipName} not found: DNS lookup returned NXDOMAIN.",
                    $"TXT record {TxtName} has the wrong value: the certificate authority could not validate the domain.",
                }
                : new[] { $"Ownership not verified yet: add TXT records {OwnershipName} and {TxtName}, then wait for Cloudflare to re-check." };
        }
    }

    /// <summary>Naive split: the last two labels are the root domain, the rest is the subdomain.</summary>
    public string RootDomain => string.Join('.', Domain.Split('.').TakeLast(2));

    public string Subdomain
    {
        get
        {
            string[] labels = Domain.Split('.');
            return labels.Length <= 2 ? string.Empty : string.Join('.', labels.Take(labels.Length - 2));
        }
    }

    internal void Activate()
    {
        Status = DomainStatuses.Active;
        SslStatus = DomainStatuses.Active;
    }

    internal EmulatedDomain Copy() => (EmulatedDomain)MemberwiseClone();
}
