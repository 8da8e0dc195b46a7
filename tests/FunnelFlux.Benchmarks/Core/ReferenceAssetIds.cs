namespace FunnelFlux.Benchmarks.Core;

/// <summary>
/// The baseline for the ID generator: a plain port of the reference algorithm as FunnelFlux
/// documents it, written the way the JavaScript reads (Date.now(), base-62 digits prepended to a
/// string, padStart, then five characters each picked with Math.floor(Math.random() * 62)). A
/// non-cryptographic source, and nothing keeps two IDs of one millisecond apart or in order.
/// Written for the comparison only: the module never uses it.
/// </summary>
public static class ReferenceAssetIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const long Epoch = 1563840000000L;

    public static string Next()
    {
        long time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - Epoch;
        string encoded = "";
        while (time > 0)
        {
            encoded = Alphabet[(int)(time % 62)] + encoded;
            time /= 62;
        }
        string id = encoded.PadLeft(7, '0');
        for (int i = 0; i < 5; i++)
        {
            id += Alphabet[(int)Math.Floor(Random.Shared.NextDouble() * 62)];
        }
        return id;
    }
}
