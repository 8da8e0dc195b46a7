using System.Diagnostics;
using System.Text.Json;

namespace FunnelFlux.PowerShell.Tests.Support;

/// <summary>
/// The emulator as a user runs it: its own process (the build's FunnelFlux.Emulator.dll under
/// `dotnet`) on a loopback port, driven and inspected through its /_emulator/ control endpoints.
/// Disposing stops it and waits until it is gone.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly HttpClient _control;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private EmulatorProcess(Process process, Uri apiUri, Uri controlUri, Task<string> stdout, Task<string> stderr)
    {
        _process = process;
        ApiUri = apiUri;
        _stdout = stdout;
        _stderr = stderr;
        _control = new HttpClient { BaseAddress = controlUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port => ApiUri.Port;

    public Uri ApiUri { get; }

    /// <summary>
    /// Starts the emulator with <paramref name="arguments"/> (which must choose the port, 0 for a
    /// free one) and waits for its ready file. It also gets --ready-file, --exit-on-stdin-close (so
    /// it cannot outlive this test process) and --quiet.
    /// </summary>
    public static async Task<EmulatorProcess> StartAsync(IReadOnlyList<string> arguments)
    {
        string readyFile = Path.Combine(Path.GetTempPath(), "ff-emulator-" + Guid.NewGuid().ToString("N") + ".json");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(BuildLayout.EmulatorProgram)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuildLayout.EmulatorProgram);
        foreach (string argument in arguments.Concat(new[] { "--ready-file", readyFile, "--exit-on-stdin-close", "--quiet" }))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!File.Exists(readyFile))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                bool exited = process.HasExited;
                if (!exited)
                {
                    process.Kill(entireProcessTree: true);
                }
                await process.WaitForExitAsync().ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"The emulator ({string.Join(' ', start.ArgumentList)}) " +
                    (exited ? $"exited with code {process.ExitCode}" : $"was not ready within {StartTimeout.TotalSeconds} s") + ":\n" +
                    await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
        using JsonDocument ready = JsonDocument.Parse(await File.ReadAllTextAsync(readyFile).ConfigureAwait(false));
        var apiUri = new Uri(ready.RootElement.GetProperty("apiUri").GetString()!);
        return new EmulatorProcess(process, apiUri, new Uri(ready.RootElement.GetProperty("controlUri").GetString()!.TrimEnd('/') + "/"), stdout, stderr)
        {
            AccessToken = ready.RootElement.GetProperty("accessToken").GetString()!,
            RefreshToken = ready.RootElement.GetProperty("refreshToken").GetString()!,
        };
    }

    public string AccessToken { get; private init; } = "";

    public string RefreshToken { get; private init; } = "";

    /// <summary>Every token the emulator ever issued, for leak checks.</summary>
    public async Task<IReadOnlyList<string>> IssuedTokensAsync()
    {
        using JsonDocument tokens = JsonDocument.Parse(await _control.GetStringAsync("tokens").ConfigureAwait(false));
        var found = new List<string>();
        Collect(tokens.RootElement, found);
        return found.Where(t => t.Length >= 8).Distinct().ToList();
    }

    /// <summary>The API requests received so far (method, path, query, statusCode, outcome ...).</summary>
    public async Task<IReadOnlyList<JsonElement>> RequestsAsync()
    {
        using JsonDocument log = JsonDocument.Parse(await _control.GetStringAsync("requests").ConfigureAwait(false));
        return log.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    /// <summary>The demo account's domain names, read through the API itself (GET /billing/domains).</summary>
    public async Task<IReadOnlyList<string>> DomainNamesAsync()
    {
        using var api = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiUri.AbsoluteUri.TrimEnd('/') + "/billing/domains");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AccessToken);
        using HttpResponseMessage answer = await api.SendAsync(request).ConfigureAwait(false);
        answer.EnsureSuccessStatusCode();
        using JsonDocument list = JsonDocument.Parse(await answer.Content.ReadAsStringAsync().ConfigureAwait(false));
        return list.RootElement.GetProperty("domains").EnumerateArray().Select(d => d.GetProperty("domain").GetString()!).ToList();
    }

    /// <summary>Closes its standard input (it stops by itself) and waits until it is gone; kills it if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It is gone already.
        }
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        await Task.WhenAll(_stdout, _stderr).ConfigureAwait(false);
        _process.Dispose();
    }

    private static void Collect(JsonElement element, List<string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                into.Add(element.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray()) Collect(item, into);
                break;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject()) Collect(property.Value, into);
                break;
        }
    }
}
