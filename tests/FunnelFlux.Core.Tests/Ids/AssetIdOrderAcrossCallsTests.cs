using System.Collections.Concurrent;
using FunnelFlux.Ids;

namespace FunnelFlux.Core.Tests.Ids;

/// <summary>One generator's IDs ascend across calls and threads, not only within a call.</summary>
public class AssetIdOrderAcrossCallsTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-23T00:00:00Z");

    [Fact]
    public void ACallInTheSameMillisecondCountsOnFromThePreviousCall()
    {
        using var generator = new AssetIdGenerator(() => Start);
        string first = generator.Generate(3).Last();
        string next = generator.Generate(1).Single();

        Assert.Equal(first[..7], next[..7]);
        Assert.Equal(AssetIdAssert.TailValue(first) + 1, AssetIdAssert.TailValue(next));
    }

    [Theory]
    [InlineData(9L)]          // ...9 -> ...A (or ...a)
    [InlineData(35L)]         // ...Z -> ..10
    [InlineData(1295L)]       // ..zz -> .100
    [InlineData(46655L)]      // ..ZZZ -> .1000
    [InlineData(60466176L - 2000L)] // up to the last tail of the millisecond, then the next one
    public void IdsMadeInABatchCountUpDigitByDigitAcrossEveryBoundary(long firstTail)
    {
        // Within a millisecond the IDs of a call are consecutive tails counted in place; each must
        // be exactly the base-36 spelling, in the millisecond's letter cases, of the tail before it plus one.
        const int cases = 0b01010; // places 2 and 4 in lower case
        int tailDraws = 0;
        using var generator = new AssetIdGenerator(() => Start, bound => bound == 32 ? cases : tailDraws++ == 0 ? Math.Min(firstTail, bound - 1) : 0);
        var ids = generator.Generate(3000).ToList();

        AssetIdAssert.StrictlyAscending(ids);
        AssetIdAssert.DistinctIgnoringCase(ids);
        Assert.All(ids, id => Assert.True(AssetIdValidator.IsValid(id), id));
        long expected = Math.Min(firstTail, AssetIdGenerator.TailSpace - 3000);
        foreach (string id in ids.Where(id => id[..7] == ids[0][..7]))
        {
            Assert.Equal(AssetIdAssert.Tail(expected++, cases), id[7..]);
        }
    }

    [Fact]
    public void TenSuccessiveCallsOnTheRealClockAreDistinctAndStrictlyAscending()
    {
        using var generator = new AssetIdGenerator();
        var ids = new List<string>();
        for (int call = 0; call < 10; call++)
        {
            // Small calls: most boundaries fall inside one millisecond, where a fresh random tail
            // per call would break the order about half the time.
            ids.AddRange(generator.Generate(1000));
        }
        AssetIdAssert.StrictlyAscending(ids);
    }

    [Fact]
    public void TheSharedGeneratorKeepsItsOrderAcrossCalls()
    {
        var ids = new List<string>();
        for (int call = 0; call < 10; call++)
        {
            ids.AddRange(AssetIdGenerator.Shared.Generate(1000));
        }
        AssetIdAssert.StrictlyAscending(ids);
        Assert.All(ids, id => Assert.True(AssetIdValidator.IsValid(id), id));
    }

    [Fact]
    public void DisposingTheSharedGeneratorLeavesItWorking()
    {
        AssetIdGenerator.Shared.Dispose();
        Assert.True(AssetIdValidator.IsValid(AssetIdGenerator.Shared.Generate(1).Single()));
    }

    [Fact]
    public async Task ParallelCallersGetDistinctIdsThatAscendPerCallerAndInIssueOrder()
    {
        using var generator = new AssetIdGenerator();
        const int threads = 4;
        const int callsPerThread = 20;
        const int idsPerCall = 2000;
        var perThread = new ConcurrentBag<List<string>>();
        using var go = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
        {
            var mine = new List<string>();
            go.Wait();
            for (int call = 0; call < callsPerThread; call++)
            {
                mine.AddRange(generator.Generate(idsPerCall));
            }
            perThread.Add(mine);
        }, TaskCreationOptions.LongRunning)).ToArray();
        go.Set();
        await Task.WhenAll(workers);

        Assert.Equal(threads, perThread.Count);
        foreach (var ids in perThread)
        {
            AssetIdAssert.StrictlyAscending(ids);
        }
        var all = perThread.SelectMany(ids => ids).ToList();
        Assert.Equal(threads * callsPerThread * idsPerCall, new HashSet<string>(all, StringComparer.Ordinal).Count);
        // An ID made after all the parallel ones is greater than every one of them.
        string after = generator.Generate(1).Single();
        Assert.True(all.All(id => string.CompareOrdinal(id, after) < 0));
    }

    [Fact]
    public void WhenAMillisecondsTailsRunOutTheTimeMovesOnRatherThanRepeat()
    {
        // The first tail drawn is the highest allowed, so the first ID of the millisecond takes
        // tail zzzzz (every place in lower case) and the next one in the same millisecond has no
        // room left; later tails drawn are 0.
        int tailDraws = 0;
        using var generator = new AssetIdGenerator(() => Start, bound => bound == 32 ? 31 : tailDraws++ == 0 ? bound - 1 : 0);
        string first = generator.Generate(1).Single();
        string second = generator.Generate(1).Single();

        Assert.Equal("44kSarQzzzzz", first);
        Assert.Equal(AssetIdFormat.EncodeTime(Start.AddMilliseconds(1)) + "00000", second);
        Assert.True(string.CompareOrdinal(first, second) < 0);
        // The clock still reads Start: later IDs stay on the moved-on millisecond and keep counting.
        string third = generator.Generate(1).Single();
        Assert.Equal(second[..7], third[..7]);
        Assert.Equal(AssetIdAssert.TailValue(second) + 1, AssetIdAssert.TailValue(third));
    }

    [Fact]
    public void AClockThatStepsBackBetweenCallsDoesNotBreakTheOrder()
    {
        var now = Start.AddSeconds(5);
        using var generator = new AssetIdGenerator(() => now);
        string before = generator.Generate(1).Single();
        now = Start; // the clock steps back five seconds
        var after = generator.Generate(3).ToList();

        Assert.All(after, id => Assert.Equal(before[..7], id[..7]));
        AssetIdAssert.StrictlyAscending(new[] { before }.Concat(after).ToList());
    }

    [Fact]
    public void ATimestampedCallDoesNotDisturbTheClockSequence()
    {
        using var generator = new AssetIdGenerator(() => Start);
        string first = generator.Generate(1).Single();
        var chosen = generator.Generate(5, DateTimeOffset.Parse("2026-01-01T00:00:00Z")).ToList();
        string next = generator.Generate(1).Single();

        Assert.All(chosen, id => Assert.StartsWith("3a0HFXE", id, StringComparison.Ordinal));
        AssetIdAssert.StrictlyAscending(chosen);
        Assert.Equal(AssetIdAssert.TailValue(first) + 1, AssetIdAssert.TailValue(next));
    }
}
