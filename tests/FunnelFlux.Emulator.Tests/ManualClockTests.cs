using FunnelFlux.Emulator;

namespace FunnelFlux.Emulator.Tests;

public sealed class ManualClockTests
{
    [Fact]
    public void StartsNearRealTimeAndStandsStill()
    {
        var clock = new ManualClock();

        Assert.True((DateTimeOffset.UtcNow - clock.GetUtcNow()).Duration() < TimeSpan.FromSeconds(5));
        Assert.Equal(clock.GetUtcNow(), clock.GetUtcNow());
    }

    [Fact]
    public void AdvancesAndJumps()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new ManualClock(start);

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(start.AddHours(2), clock.GetUtcNow());

        clock.SetUtcNow(start);
        Assert.Equal(start, clock.GetUtcNow());
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task ServerClockIsTheOptionsClock()
    {
        var options = new EmulatorOptions();
        await using EmulatorServer server = await EmulatorServer.StartAsync(options);

        Assert.Same(options.Clock, server.Clock);
        Assert.Same(options, server.Options);
    }
}
