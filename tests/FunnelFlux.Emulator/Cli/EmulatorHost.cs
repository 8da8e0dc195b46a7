using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace FunnelFlux.Emulator;

/// <summary>
/// The standalone emulator: starts a server as the settings say, prints the banner, writes the
/// ready file, follows the wall clock, and stops when <c>stop</c> is cancelled.
/// </summary>
internal static class EmulatorHost
{
    // Stable so a user can paste the connect line once and reuse it across runs.
    public const string DemoAccessToken = "demo-access-token";
    public const string DemoRefreshToken = "demo-refresh-token";

    /// <summary>Runs until <paramref name="stop"/> is cancelled; returns the process exit code.</summary>
    public static async Task<int> RunAsync(EmulatorSettings settings, TextWriter output, TextWriter errors, CancellationToken stop, Action<EmulatorServer>? started = null)
    {
        IReadOnlyList<IPEndPoint> endpoints;
        if (settings.Port is { } port)
        {
            endpoints = new[] { new IPEndPoint(IPAddress.Loopback, port) };
        }
        else
        {
            LoopbackUrlPlan plan = LoopbackUrls.Sanitize(settings.Urls, settings.Https);
            foreach (string notice in plan.Notices)
            {
                output.WriteLine("Note: " + notice);
            }

            endpoints = plan.Endpoints;
        }

        EmulatorOptions options = Options(settings, output);
        EmulatorServer server;
        try
        {
            server = await EmulatorServer.StartAsync(options, endpoints).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Kestrel reports a port in use (or not allowed) this way.
            errors.WriteLine($"FunnelFlux.Emulator: could not listen on {string.Join(", ", endpoints)}: {ex.Message} Use --port 0 for any free port.");
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            foreach ((string name, DomainSeedState state) in Seeds(settings))
            {
                server.AddDomain(server.DemoAccount, name, state);
            }

            foreach (FaultSpec fault in settings.Faults)
            {
                fault.QueueOn(server.Faults);
            }

            PrintBanner(server, settings, endpoints, output);
            if (settings.ReadyFile is not null)
            {
                WriteReadyFile(settings.ReadyFile, server);
            }

            started?.Invoke(server);
            try
            {
                await FollowWallClockAsync(server.Clock, stop).ConfigureAwait(false);
            }
            finally
            {
                if (settings.ReadyFile is not null)
                {
                    TryDelete(settings.ReadyFile);
                }
            }
        }

        output.WriteLine("Emulator stopped.");
        return 0;
    }

    private static EmulatorOptions Options(EmulatorSettings settings, TextWriter output)
    {
        var options = new EmulatorOptions
        {
            DemoAccessToken = DemoAccessToken,
            DemoRefreshToken = DemoRefreshToken,
            Latency = settings.Latency,
            ClockOffset = settings.ClockOffset,
            UseHttps = settings.Https,
        };
        if (settings.AccessTokenLifetime is { } lifetime)
        {
            options.AccessTokenLifetime = lifetime;
        }

        if (settings.RefreshesUntilActive is { } refreshes)
        {
            options.RefreshesUntilActive = refreshes;
        }

        if (settings.ExpiredTokenStatus is { } status)
        {
            options.ExpiredTokenStatus = status;
        }

        if (!settings.Quiet)
        {
            // TextWriter is not thread-safe; requests are printed from server threads.
            TextWriter synchronized = TextWriter.Synchronized(output);
            options.RequestObserver = r => synchronized.WriteLine(
                $"{r.At:HH:mm:ss} {r.Method} {r.Path}{(r.Query is null ? string.Empty : "?" + r.Query)} -> " +
                (r.Outcome == RequestOutcome.Answered ? r.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : r.Outcome.ToString().ToLowerInvariant()));
        }

        return options;
    }

    private static IEnumerable<(string Name, DomainSeedState State)> Seeds(EmulatorSettings settings) =>
        (settings.SeedSamples ? SampleDomains.All : Enumerable.Empty<(string, DomainSeedState)>()).Concat(settings.SeedDomains);

    private static void PrintBanner(EmulatorServer server, EmulatorSettings settings, IReadOnlyList<IPEndPoint> endpoints, TextWriter output)
    {
        EmulatorAccount demo = server.DemoAccount;
        output.WriteLine("FunnelFlux Pro API emulator (in-memory state, loopback only)");
        foreach (Uri uri in server.BaseUris)
        {
            output.WriteLine($"API base URI:  {uri}");
        }

        if (endpoints.Any(e => e.Port == 0))
        {
            output.WriteLine($"Port:          {server.BaseUri.Port} (a free port, as port 0 asked)");
        }

        output.WriteLine($"Control URI:   {server.ControlUri} (loopback only)");
        output.WriteLine($"Access token:  {demo.AccessToken}");
        output.WriteLine($"Refresh token: {demo.RefreshToken}");
        if (server.Certificate is { } certificate)
        {
            output.WriteLine($"TLS:           self-signed certificate {certificate.Thumbprint}; clients that do not pin it fail the handshake.");
        }

        foreach ((string name, DomainSeedState state) in Seeds(settings))
        {
            output.WriteLine($"Seeded domain: {name} ({DomainSeedStates.Name(state)})");
        }

        if (server.Faults.Pending > 0)
        {
            output.WriteLine($"Faults queued: {server.Faults.Pending} use(s) from {settings.Faults.Count} --fault");
        }

        output.WriteLine("Connect from PowerShell with:");
        output.WriteLine(
            $"  Connect-FFAccount -ApiUri {server.BaseUri} " +
            $"-AccessToken (ConvertTo-SecureString '{demo.AccessToken}' -AsPlainText -Force) " +
            $"-RefreshToken (ConvertTo-SecureString '{demo.RefreshToken}' -AsPlainText -Force)");
        output.WriteLine("Press Ctrl+C to stop.");
        output.Flush();
    }

    // Written to a temporary name and then moved, so a script polling for the file never reads half of it.
    private static void WriteReadyFile(string path, EmulatorServer server)
    {
        string json = JsonSerializer.Serialize(new ReadyFile(server.BaseUri.ToString(), server.DemoAccount.AccessToken, server.DemoAccount.RefreshToken, server.ControlUri.ToString(), Environment.ProcessId), ControlJson.Options);
        string temporary = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temporary, json + Environment.NewLine);
        File.Move(temporary, path, overwrite: true);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Leaving the file behind is harmless: it only ever holds demo tokens.
        }
    }

    // A person expects real time, so the clock moves with the wall clock; it advances by the time
    // that passed rather than being set, so that a jump made through POST /_emulator/clock is kept.
    private static async Task FollowWallClockAsync(ManualClock clock, CancellationToken stop)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        long last = Stopwatch.GetTimestamp();
        try
        {
            while (await tick.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                long now = Stopwatch.GetTimestamp();
                clock.Advance(Stopwatch.GetElapsedTime(last, now));
                last = now;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Asked to stop.
        }
    }

    private sealed record ReadyFile(string ApiUri, string AccessToken, string RefreshToken, string ControlUri, int Pid);
}
