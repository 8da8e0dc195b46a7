using FunnelFlux.Ids;

namespace FunnelFlux.Core.Tests.Ids;

public class AssetIdGeneratorTests
{
    [Fact]
    public void AMillionIdsFromOneCallAreDistinctWellFormedAndAscending()
    {
        using var generator = new AssetIdGenerator();
        var ids = generator.Generate(1_000_000).ToList();

        Assert.Equal(1_000_000, ids.Count);
        AssetIdAssert.DistinctWellFormedAndAscending(ids);
    }

    [Fact]
    public void AMillionIdsInOneMillisecondStillAscendAndShareTheTimePart()
    {
        using var generator = new AssetIdGenerator();
        var time = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        var ids = generator.Generate(1_000_000, time).ToList();

        Assert.All(ids, id => Assert.StartsWith("3a0HFXE", id, StringComparison.Ordinal));
        AssetIdAssert.StrictlyAscending(ids);
    }

    [Fact]
    public void ALongCallReadsTheClockAgainForEveryBatch()
    {
        // 3000 IDs are three batches: the clock is asked three times, and each batch carries its answer.
        var start = DateTimeOffset.Parse("2026-11-23T00:00:00Z");
        int reads = 0;
        using var generator = new AssetIdGenerator(() => start.AddMilliseconds(10 * reads++));
        var ids = generator.Generate(3000).ToList();

        Assert.Equal(3, reads);
        Assert.Equal(new[] { 0, 10, 20 }.Select(ms => AssetIdFormat.EncodeTime(start.AddMilliseconds(ms))), ids.Select(id => id[..7]).Distinct());
        AssetIdAssert.StrictlyAscending(ids);
    }

    [Fact]
    public void IdsFollowTheClockAndNeverGoBackWhenItSteps()
    {
        var start = DateTimeOffset.Parse("2026-11-23T00:00:00Z");
        var ticks = new Queue<DateTimeOffset>(new[]
        {
            start, start, start.AddMilliseconds(5), start.AddMilliseconds(2), start.AddMilliseconds(9),
        });
        using var generator = new AssetIdGenerator(() => ticks.Dequeue());
        // One ID per call: the clock is read once for each batch of IDs, and a call is one batch here.
        var ids = Enumerable.Range(0, 5).Select(_ => generator.Generate(1).Single()).ToList();

        Assert.Equal("44kSarQ", ids[0][..7]);
        Assert.Equal("44kSarQ", ids[1][..7]);
        Assert.Equal(AssetIdFormat.EncodeTime(start.AddMilliseconds(5)), ids[2][..7]);
        Assert.Equal(AssetIdFormat.EncodeTime(start.AddMilliseconds(5)), ids[3][..7]); // clock stepped back
        Assert.Equal(AssetIdFormat.EncodeTime(start.AddMilliseconds(9)), ids[4][..7]);
        AssetIdAssert.StrictlyAscending(ids);
    }

    [Fact]
    public void RandomTailsDifferBetweenCalls()
    {
        using var generator = new AssetIdGenerator();
        var time = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        var tails = Enumerable.Range(0, 50).Select(_ => generator.Generate(1, time).Single()[7..]).ToHashSet();
        // 50 draws from 60 million tails in 32 letter-case patterns: a repeat would mean the source is not random.
        Assert.Equal(50, tails.Count);
    }

    [Fact]
    public void RandomDrawsHaveNoModuloBias()
    {
        // Reducing a 30-bit draw modulo 62^5 would make values below 2^30 - 62^5 twice as likely
        // (about 29% of draws instead of 17.2%). Rejection sampling keeps them at 17.2%.
        using var generator = new AssetIdGenerator();
        const int draws = 200_000;
        long lowZone = (1L << 30) - AssetIdFormat.RandomSpace;
        int low = 0;
        for (int i = 0; i < draws; i++)
        {
            long value = generator.NextRandomBelow(AssetIdFormat.RandomSpace);
            Assert.InRange(value, 0, AssetIdFormat.RandomSpace - 1);
            if (value < lowZone) low++;
        }
        double expected = (double)lowZone / AssetIdFormat.RandomSpace;
        double observed = (double)low / draws;
        // Six standard deviations of a binomial proportion at this sample size is about 0.005.
        Assert.InRange(observed, expected - 0.006, expected + 0.006);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void RefusesACountBelowOne(int count)
    {
        using var generator = new AssetIdGenerator();
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(count));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.GenerateInBatches(count));
    }

    [Fact]
    public void RefusesATimestampOutsideTheRangeBeforeYieldingAnything()
    {
        using var generator = new AssetIdGenerator();
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(1, AssetIdFormat.MaxTimestamp.AddMilliseconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(1, AssetIdFormat.MinTimestamp.AddMilliseconds(-1)));
        Assert.StartsWith("zzzzzzz", generator.Generate(1, AssetIdFormat.MaxTimestamp).Single(), StringComparison.Ordinal);
        Assert.StartsWith("0000000", generator.Generate(1, AssetIdFormat.MinTimestamp).Single(), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.GenerateInBatches(1, AssetIdFormat.MaxTimestamp.AddMilliseconds(1)));
    }

    [Fact]
    public void BatchesOnTheClockHoldEveryIdOnceInAscendingOrder()
    {
        using var generator = new AssetIdGenerator();
        var sizes = new List<int>();
        var ids = new List<string>();
        foreach (ArraySegment<string> batch in generator.GenerateInBatches(5000))
        {
            sizes.Add(batch.Count);
            // Copied now: the generator reuses a batch's array for the next one.
            ids.AddRange(batch);
        }

        Assert.Equal(5000, ids.Count);
        Assert.All(sizes, size => Assert.InRange(size, 1, 1024));
        Assert.True(sizes.Count >= 5, $"{sizes.Count} batches for 5000 IDs");
        AssetIdAssert.DistinctWellFormedAndAscending(ids);
    }

    [Fact]
    public void BatchesAtOneTimeCountUpwardAcrossBatchBorders()
    {
        var time = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        using var generator = new AssetIdGenerator(() => time, bound => 7);
        var ids = generator.GenerateInBatches(2500, time).SelectMany(batch => batch.ToArray()).ToList();

        Assert.Equal(2500, ids.Count);
        for (int i = 0; i < ids.Count; i++)
        {
            // Tail 7 drawn, letter cases 7 (the first three places lower case), then one more per
            // ID: 7 + i in base 36, across the borders at 1024 and 2048.
            Assert.Equal("3a0HFXE" + AssetIdAssert.Tail(7 + i, 7), ids[i]);
        }
    }

    [Fact]
    public void OneByOneAndInBatchesGiveTheSameIds()
    {
        var time = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        using var single = new AssetIdGenerator(() => time, bound => Math.Min(12345, bound - 1));
        using var batched = new AssetIdGenerator(() => time, bound => Math.Min(12345, bound - 1));

        var one = single.Generate(3000).ToList();
        var many = batched.GenerateInBatches(3000).SelectMany(batch => batch.ToArray()).ToList();

        Assert.Equal(one, many);
    }
}
