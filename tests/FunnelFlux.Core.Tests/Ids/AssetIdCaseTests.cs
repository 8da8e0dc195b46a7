using FunnelFlux.Ids;

namespace FunnelFlux.Core.Tests.Ids;

/// <summary>
/// PowerShell compares strings ignoring case unless told otherwise (hashtable keys, Group-Object,
/// Sort-Object -Unique, -contains): the IDs of one millisecond must differ there too.
/// </summary>
public class AssetIdCaseTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-23T00:00:00Z");

    [Fact]
    public void AMillionIdsWithAChosenTimeDifferEvenIgnoringCase()
    {
        using var generator = new AssetIdGenerator();
        var ids = generator.Generate(1_000_000, DateTimeOffset.Parse("2026-01-01T00:00:00Z")).ToList();

        AssetIdAssert.DistinctWellFormedAndAscending(ids);
        AssetIdAssert.DistinctIgnoringCase(ids);
    }

    [Fact]
    public void CallsInOneMillisecondOnTheClockDifferEvenIgnoringCase()
    {
        using var generator = new AssetIdGenerator(() => Start);
        var ids = new List<string>();
        for (int call = 0; call < 20; call++)
        {
            ids.AddRange(generator.Generate(call % 2 == 0 ? 1 : 5000));
        }

        Assert.All(ids, id => Assert.StartsWith("44kSarQ", id, StringComparison.Ordinal));
        AssetIdAssert.DistinctWellFormedAndAscending(ids);
        AssetIdAssert.DistinctIgnoringCase(ids);
    }

    [Fact]
    public void EachTailPlaceKeepsOneLetterCaseThroughAMillisecond()
    {
        // A first tail of AAAAA (10 in every place) and letter cases 0b10110 (places 2, 3 and 5
        // lower case): 100,000 IDs count through every place but the first, which stays A.
        const int cases = 0b10110;
        using var generator = new AssetIdGenerator(() => Start, bound => bound == 32 ? cases : 17_276_050);
        var ids = generator.Generate(100_000).ToList();

        Assert.Equal("44kSarQAaaAa", ids[0]);
        for (int place = 0; place < AssetIdFormat.RandomLength; place++)
        {
            bool lower = ((cases >> place) & 1) != 0;
            var letters = ids.Select(id => id[AssetIdFormat.TimeLength + place]).Where(char.IsLetter).ToList();
            Assert.NotEmpty(letters);
            Assert.All(letters, c => Assert.True(lower ? char.IsLower(c) : char.IsUpper(c), $"place {place + 1}: '{c}'"));
        }
        AssetIdAssert.DistinctIgnoringCase(ids);
    }

    [Fact]
    public void LetterCasesAreDrawnAgainForEveryMillisecond()
    {
        // Both cases in every place across 300 one-ID calls: the tails still use the whole
        // alphabet, not only its lower half.
        using var generator = new AssetIdGenerator();
        var time = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        var ids = Enumerable.Range(0, 300).Select(_ => generator.Generate(1, time).Single()).ToList();

        for (int place = AssetIdFormat.TimeLength; place < AssetIdFormat.Length; place++)
        {
            Assert.Contains(ids, id => char.IsUpper(id[place]));
            Assert.Contains(ids, id => char.IsLower(id[place]));
        }
    }

    [Fact]
    public void SmallBoundsAreDrawnUniformly()
    {
        using var generator = new AssetIdGenerator();
        var counts = new int[32];
        for (int i = 0; i < 32_000; i++)
        {
            long value = generator.NextRandomBelow(32);
            Assert.InRange(value, 0, 31);
            counts[value]++;
        }
        // About 1000 each; six standard deviations is about 190.
        Assert.All(counts, count => Assert.InRange(count, 810, 1190));
    }

    [Fact]
    public void TailDrawsHaveNoModuloBias()
    {
        // 2^30 is 17 whole tail spaces and a part: reducing any 30-bit draw modulo 36^5 would make
        // values below that part likelier (76.8% of draws instead of 75.8%).
        using var generator = new AssetIdGenerator();
        const int draws = 200_000;
        long lowZone = (1L << 30) % AssetIdGenerator.TailSpace;
        int low = 0;
        for (int i = 0; i < draws; i++)
        {
            long value = generator.NextRandomBelow(AssetIdGenerator.TailSpace);
            Assert.InRange(value, 0, AssetIdGenerator.TailSpace - 1);
            if (value < lowZone) low++;
        }
        double expected = (double)lowZone / AssetIdGenerator.TailSpace;
        double observed = (double)low / draws;
        // Four standard deviations at this sample size is about 0.004; the biased rate is 0.011 away.
        Assert.InRange(observed, expected - 0.004, expected + 0.004);
    }
}
