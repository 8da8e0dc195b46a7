namespace FunnelFlux.Emulator;

internal enum CreateStatus
{
    Created,
    ExistsInAccount,
    OwnedByOtherAccount,
}

internal readonly record struct CreateOutcome(CreateStatus Status, EmulatedDomain? Domain);

/// <summary>
/// All custom domains, keyed by lower-case hostname across accounts (a hostname has one owner).
/// Every read or write goes through one lock; callers get copies, never the live objects.
/// </summary>
internal sealed class DomainRegistry
{
    private readonly object _gate = new();
    private readonly EmulatorOptions _options;
    private readonly Dictionary<string, EmulatedDomain> _domains = new(StringComparer.Ordinal);

    public DomainRegistry(EmulatorOptions options)
    {
        _options = options;
    }

    public CreateOutcome Create(EmulatorAccount owner, string hostname, DomainSeedState state = DomainSeedState.Pending)
    {
        lock (_gate)
        {
            if (_domains.TryGetValue(hostname, out EmulatedDomain? existing))
            {
                return new CreateOutcome(existing.Owner == owner.Name ? CreateStatus.ExistsInAccount : CreateStatus.OwnedByOtherAccount, null);
            }

            var domain = new EmulatedDomain(hostname, owner.Name, _options.ServerNow);
            if (state == DomainSeedState.Active)
            {
                domain.Activate();
            }

            domain.HasDnsErrors = state == DomainSeedState.VerificationErrors;

            _domains.Add(hostname, domain);
            return new CreateOutcome(CreateStatus.Created, domain.Copy());
        }
    }

    /// <summary>
    /// Puts a domain straight into the state (no request involved). Throws ArgumentException for an
    /// invalid hostname and InvalidOperationException when the hostname is already held.
    /// </summary>
    public EmulatedDomain Seed(EmulatorAccount owner, string raw, DomainSeedState state)
    {
        if (!Hostnames.TryNormalize(raw, out string hostname))
        {
            throw new ArgumentException($"'{raw}' is not a valid hostname.", nameof(raw));
        }

        CreateOutcome outcome = Create(owner, hostname, state);
        return outcome.Status == CreateStatus.Created
            ? outcome.Domain!
            : throw new InvalidOperationException($"{hostname} already exists in the emulator.");
    }

    public IReadOnlyList<EmulatedDomain> List(EmulatorAccount owner)
    {
        lock (_gate)
        {
            return _domains.Values
                .Where(d => d.Owner == owner.Name)
                .OrderBy(d => d.CreatedAt)
                .ThenBy(d => d.Domain, StringComparer.Ordinal)
                .Select(d => Observe(d).Copy())
                .ToList();
        }
    }

    /// <summary>The owner's domain, or null when absent or held by another account (which must not leak).</summary>
    public EmulatedDomain? Get(EmulatorAccount owner, string hostname)
    {
        lock (_gate)
        {
            EmulatedDomain? domain = Owned(owner, hostname);
            return domain is null ? null : Observe(domain).Copy();
        }
    }

    public bool Delete(EmulatorAccount owner, string hostname)
    {
        lock (_gate)
        {
            return Owned(owner, hostname) is not null && _domains.Remove(hostname);
        }
    }

    public EmulatedDomain? Refresh(EmulatorAccount owner, string hostname)
    {
        lock (_gate)
        {
            EmulatedDomain? domain = Owned(owner, hostname);
            if (domain is null)
            {
                return null;
            }

            domain.RefreshCount++;
            int needed = _options.RefreshesUntilActive;
            if (needed > 0 && domain.RefreshCount >= needed && !domain.HasDnsErrors)
            {
                domain.Activate();
            }

            return Observe(domain).Copy();
        }
    }

    private EmulatedDomain? Owned(EmulatorAccount owner, string hostname) =>
        _domains.TryGetValue(hostname, out EmulatedDomain? domain) && domain.Owner == owner.Name ? domain : null;

    // Cloudflare validates on its own schedule, so time-based activation shows on any read.
    private EmulatedDomain Observe(EmulatedDomain domain)
    {
        TimeSpan? after = _options.TimeUntilActive;
        if (!domain.IsActive && !domain.HasDnsErrors && after is not null && _options.ServerNow - domain.CreatedAt >= after.Value)
        {
            domain.Activate();
        }

        return domain;
    }
}
