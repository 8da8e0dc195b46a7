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

    /// <summary>No two IDs equal when compared ignoring case, as PowerShell compares by default.</summary>
    public static void DistinctIgnoringCase(IReadOnlyList<string> ids)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string id in ids)
        {
            Assert.True(seen.TryAdd(id, id), $"{id} and {(seen.TryGetValue(id, out string? other) ? other : "?")} differ only in case");
        }
    }

    /// <summary>The value of an ID's tail: five base-36 places, a letter of either case standing for 10-35.</summary>
    public static long TailValue(string id)
    {
        long value = 0;
        foreach (char c in id[AssetIdFormat.TimeLength..])
        {
            int digit = c <= '9' ? c - '0' : char.ToLowerInvariant(c) - 'a' + 10;
            Assert.InRange(digit, 0, 35);
            value = value * 36 + digit;
        }
        return value;
    }

    /// <summary>Tail <paramref name="value"/> spelled with the letter case of each place from <paramref name="cases"/> (bit 0 = first place, set = lower case).</summary>
    public static string Tail(long value, int cases)
    {
        var chars = new char[AssetIdFormat.RandomLength];
        for (int place = chars.Length - 1; place >= 0; place--)
        {
            int digit = (int)(value % 36);
            value /= 36;
            chars[place] = digit < 10 ? (char)('0' + digit) : (char)((((cases >> place) & 1) != 0 ? 'a' : 'A') + digit - 10);
        }
        return new string(chars);
    }
}
