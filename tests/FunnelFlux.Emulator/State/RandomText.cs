using System.Security.Cryptography;

namespace FunnelFlux.Emulator;

/// <summary>Random strings for tokens and DNS values; cryptographic so tokens cannot collide in practice.</summary>
internal static class RandomText
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Token(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
