using System.Collections.Concurrent;
using FunnelFlux.Emulator;

namespace FunnelFlux.Tests.Shared;

/// <summary>
/// Every token the tests' emulators ever issued, so that any text a test looks at (messages,
/// exceptions, ToString) can be checked for leaks.
/// </summary>
public static class Secrets
{
    private static readonly ConcurrentDictionary<EmulatorServer, byte> Servers = new();

    public static void Register(EmulatorServer server) => Servers[server] = 0;

    public static IEnumerable<string> All => Servers.Keys.SelectMany(s => s.IssuedTokens).Where(t => t.Length > 0).Distinct();

    public static void AssertAbsent(string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        foreach (var secret in All)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                throw new Xunit.Sdk.XunitException("A token leaked into text a user could see: " + text.Replace(secret, "<TOKEN>"));
            }
        }
    }

    public static void AssertAbsent(Exception? exception)
    {
        for (var e = exception; e != null; e = e.InnerException)
        {
            AssertAbsent(e.Message);
        }
        AssertAbsent(exception?.ToString());
    }
}
