using System.Text.Json;

namespace FunnelFlux.Emulator.Tests;

/// <summary>The --ready-file line, read the way a script would.</summary>
internal sealed record ReadyFile(string ApiUri, string AccessToken, string RefreshToken, string ControlUri, int Pid)
{
    public static readonly string[] Keys = { "apiUri", "accessToken", "refreshToken", "controlUri", "pid" };

    /// <summary>Waits (at most <paramref name="timeout"/>) for the file, then reads it; checks it has exactly the five keys.</summary>
    public static async Task<ReadyFile> WaitAsync(string path, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No ready file at {path} after {timeout}. {diagnostics?.Invoke()}");
            }

            await Task.Delay(50);
        }

        string text = await File.ReadAllTextAsync(path);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Single(text.Trim().Split('\n'));
        using JsonDocument json = JsonDocument.Parse(text);
        Assert.Equal(Keys.Order(StringComparer.Ordinal), json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        JsonElement r = json.RootElement;
        return new ReadyFile(
            r.GetProperty("apiUri").GetString()!,
            r.GetProperty("accessToken").GetString()!,
            r.GetProperty("refreshToken").GetString()!,
            r.GetProperty("controlUri").GetString()!,
            r.GetProperty("pid").GetInt32());
    }
}
