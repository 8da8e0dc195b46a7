namespace FunnelFlux.Emulator;

/// <summary>
/// The emulator's time source. It only moves when a test moves it, so token expiry and domain
/// activation can be exercised without waiting. It starts at the real current time so that
/// expiry values look plausible to a client that compares them with its own clock.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private long _utcTicks;

    public ManualClock()
        : this(DateTimeOffset.UtcNow)
    {
    }

    public ManualClock(DateTimeOffset start)
    {
        _utcTicks = start.UtcTicks;
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Moves the clock forward; going backwards is refused because nothing real does that.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "A clock can only be advanced forwards; use SetUtcNow to jump.");
        }

        Interlocked.Add(ref _utcTicks, by.Ticks);
    }

    /// <summary>Jumps to an exact instant (either direction).</summary>
    public void SetUtcNow(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);
}
