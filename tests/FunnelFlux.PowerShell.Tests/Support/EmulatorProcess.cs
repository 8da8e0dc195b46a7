using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
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

    private EmulatorProcess(Process process, int port, Task<string> stdout, Task<string> stderr)
    {
        _process = process;
        Port = port;
        _stdout = stdout;
        _stderr = stderr;
        ApiUri = new Uri($"http://127.0.0.1:{port}/v1");
        _control = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/_emulator/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public Uri ApiUri { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the emulator with <paramref name="arguments"/>, where "{port}" stands for a free
    /// loopback port, and waits until its control endpoints answer.
    /// </summary>
    public static async Task<EmulatorProcess> StartAsync(IReadOnlyList<string> arguments)
    {
        Exception? last = null;
        // A free port can be taken by someone else before the emulator binds it: try another.
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            int port = FreePort();
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Path.GetDirectoryName(BuildLayout.EmulatorProgram)!,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(BuildLayout.EmulatorProgram);
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            }
            start.Environment["DOTNET_NOLOGO"] = "1";
            var process = Process.Start(start)!;
            var emulator = new EmulatorProcess(process, port, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            try
            {
                await emulator.WaitUntilAnsweringAsync().ConfigureAwait(false);
                return emulator;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                last = e;
                await emulator.DisposeAsync().ConfigureAwait(false);
            }
        }
        throw new InvalidOperationException("The emulator did not start: " + last?.Message, last);
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"it exited with code {_process.ExitCode}:\n{await _stdout.ConfigureAwait(false)}{await _stderr.ConfigureAwait(false)}");
            }
            try
            {
                using var answer = await _control.GetAsync("stats").ConfigureAwait(false);
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
        throw new TimeoutException($"it did not answer on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds} s.");
    }

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

    /// <summary>Seeds a domain into the demo account: state is pending, active or verificationErrors.</summary>
    public async Task SeedDomainAsync(string name, string state)
    {
        using var answer = await _control.PostAsJsonAsync("domains", new { name, state }).ConfigureAwait(false);
        answer.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        if (!_process.HasExited)
        {
            try
            {
                _process.StandardInput.Close();
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
        }
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
