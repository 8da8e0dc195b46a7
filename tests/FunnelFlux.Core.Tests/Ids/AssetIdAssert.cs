using FunnelFlux.Ids;

namespace FunnelFlux.Core.Tests.Ids;

/// <summary>The order and uniqueness rules the generator's tests check again and again.</summary>
internal static class AssetIdAssert
{
    public static void StrictlyAscending(IReadOnlyList<string> ids)
    {
        for (int i = 1; i < ids.Count; i++)
        {
            Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0, $"{ids[i - 1]} !< {ids[i]} at {i}");
        }
    }

    /// <summary>Every ID well formed, none twice, each greater than the one before.</summary>
    public static void DistinctWellFormedAndAscending(IReadOnlyList<string> ids)
    {
        Assert.Equal(ids.Count, new HashSet<string>(ids, StringComparer.Ordinal).Count);
        Assert.All(ids, id => Assert.True(AssetIdValidator.IsValid(id), id));
        StrictlyAscending(ids);
    }
}
