using System.Runtime.InteropServices;

namespace FunnelFlux.Emulator;

/// <summary>Standalone run: <c>dotnet run --project tests/FunnelFlux.Emulator -- [--urls http://127.0.0.1:5099]</c>.</summary>
internal static class Program
{
    // Stable so a user can paste the connect line once and reuse it across runs.
    internal const string DemoAccessToken = "demo-access-token";
    internal const string DemoRefreshToken = "demo-refresh-token";

    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("Usage: FunnelFlux.Emulator [--urls http://127.0.0.1:5099]");
            Console.WriteLine("Serves an in-memory FunnelFlux Pro API (auth + custom domains) on loopback only.");
            return 0;
        }

        LoopbackUrlPlan plan = LoopbackUrls.Sanitize(LoopbackUrls.FromArguments(args));
        foreach (string notice in plan.Notices)
        {
            Console.WriteLine("Note: " + notice);
        }

        var options = new EmulatorOptions
        {
            DemoAccessToken = DemoAccessToken,
            DemoRefreshToken = DemoRefreshToken,
            RequestObserver = r => Console.WriteLine($"{r.At:HH:mm:ss} {r.Method} {r.Path}{(r.Query is null ? string.Empty : "?" + r.Query)} -> {(r.Outcome == RequestOutcome.Answered ? r.StatusCode : r.Outcome.ToString().ToLowerInvariant())}"),
        };

        await using EmulatorServer server = await EmulatorServer.StartAsync(options, plan.Endpoints).ConfigureAwait(false);
        PrintBanner(server);

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });

        // Tests drive the clock by hand; a person expects real time, so follow the wall clock.
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        Task follow = FollowWallClockAsync(server.Clock, tick);
        await stop.Task.ConfigureAwait(false);
        tick.Dispose();
        await follow.ConfigureAwait(false);
        Console.WriteLine("Emulator stopped.");
        return 0;
    }

    // Advances by the real time that passed rather than setting the wall time, so that a jump made
    // through POST /_emulator/clock is kept.
    private static async Task FollowWallClockAsync(ManualClock clock, PeriodicTimer tick)
    {
        long last = System.Diagnostics.Stopwatch.GetTimestamp();
        while (await tick.WaitForNextTickAsync().ConfigureAwait(false))
        {
            long now = System.Diagnostics.Stopwatch.GetTimestamp();
            clock.Advance(System.Diagnostics.Stopwatch.GetElapsedTime(last, now));
            last = now;
        }
    }

    private static void PrintBanner(EmulatorServer server)
    {
        EmulatorAccount demo = server.DemoAccount;
        Console.WriteLine("FunnelFlux Pro API emulator (in-memory state, loopback only)");
        foreach (Uri uri in server.BaseUris)
        {
            Console.WriteLine($"API base URI:  {uri}");
        }

        Console.WriteLine($"Control URI:   {server.ControlUri} (loopback only; see README)");
        Console.WriteLine($"Access token:  {demo.AccessToken}");
        Console.WriteLine($"Refresh token: {demo.RefreshToken}");
        Console.WriteLine("Connect from PowerShell with:");
        Console.WriteLine(
            $"  Connect-FFAccount -ApiUri {server.BaseUri} " +
            $"-AccessToken (ConvertTo-SecureString '{demo.AccessToken}' -AsPlainText -Force) " +
            $"-RefreshToken (ConvertTo-SecureString '{demo.RefreshToken}' -AsPlainText -Force)");
        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
