using FunnelFlux.Benchmarks.Core;
using FunnelFlux.Ids;

namespace FunnelFlux.Benchmarks.Tests;

/// <summary>The baselines do the same work as what they are compared with, or their ratios mean nothing.</summary>
public class BaselineTests
{
    [Fact]
    public void TheReferencePortMakesWellFormedIdsOfTheCurrentTime()
    {
        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        var ids = Enumerable.Range(0, 1000).Select(_ => ReferenceAssetIds.Next()).ToList();
        var after = DateTimeOffset.UtcNow.AddMilliseconds(1);

        Assert.All(ids, id =>
        {
            AssetIdInfo info = AssetIdValidator.Inspect(id);
            Assert.True(info.IsValid, id + ": " + info.Reason);
            Assert.InRange(info.Timestamp!.Value, before, after);
        });
        // Random tails: 1000 draws from 62^5 values are practically never all alike.
        Assert.True(ids.Select(id => id[7..]).Distinct().Count() > 990);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(5000)]
    public void TheListJsonIsReadByTheCoreIntoEveryDomain(int count)
    {
        byte[] json = DomainListJson.Create(count);
        IReadOnlyList<Domain> domains = CoreListParsing.ParseAndMap(json);

        Assert.Equal(count, domains.Count);
        Assert.Equal("bench-00000.example.com", domains[0].Name);
        Assert.Equal($"bench-{count - 1:00000}.example.com", domains[^1].Name);
        Assert.All(domains, d => Assert.NotNull(d.CreatedAt));
    }
}
