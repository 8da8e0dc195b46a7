using System.Text;

namespace FunnelFlux.Core.Tests.Support;

/// <summary>Texts put together from given pieces in random order, the same ones on every run.</summary>
public static class GeneratedTexts
{
    /// <summary><paramref name="count"/> texts of <paramref name="minPieces"/> to <paramref name="maxPieces"/> - 1 pieces each.</summary>
    public static IEnumerable<string> From(string[] pieces, int count, int minPieces, int maxPieces, int seed = 20261202)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Clear();
            int length = random.Next(minPieces, maxPieces);
            for (int j = 0; j < length; j++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }
            yield return text.ToString();
        }
    }
}
