using System.Runtime.InteropServices;

namespace FunnelFlux.Emulator;

/// <summary>
/// The command line: <c>funnelflux-emulator [options]</c> (the .NET tool) or
/// <c>dotnet run --project tests/FunnelFlux.Emulator -- [options]</c>. See --help.
/// </summary>
internal static class Program
{
    private const string Command = "funnelflux-emulator";

    public static async Task<int> Main(string[] args)
    {
        EmulatorSettings settings;
        try
        {
            settings = CommandLine.Parse(args);
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine($"{Command}: {ex.Message}");
            Console.Error.WriteLine($"Run '{Command} --help' for the options.");
            return 2;
        }

        if (settings.Help)
        {
            Console.Out.Write(HelpText.Build(Command));
            return 0;
        }

        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            // Stop cleanly (and say so) instead of letting the runtime end the process.
            context.Cancel = true;
            stop.Cancel();
        }

        using PosixSignalRegistration? interrupt = Register(PosixSignal.SIGINT, Stop);
        using PosixSignalRegistration? terminate = Register(PosixSignal.SIGTERM, Stop);
        using PosixSignalRegistration? hangUp = Register(PosixSignal.SIGHUP, Stop);
        if (settings.ExitOnStdinClose)
        {
            _ = StopWhenStdinClosesAsync(stop);
        }

        return await EmulatorHost.RunAsync(settings, Console.Out, Console.Error, stop.Token).ConfigureAwait(false);
    }

    // A platform without the signal simply cannot send it; Ctrl+C (SIGINT) exists everywhere.
    private static PosixSignalRegistration? Register(PosixSignal signal, Action<PosixSignalContext> handler)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, handler);
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    // Reads and discards standard input; its end (the parent closed the pipe or died) stops the emulator.
    private static async Task StopWhenStdinClosesAsync(CancellationTokenSource stop)
    {
        try
        {
            await using Stream input = Console.OpenStandardInput();
            byte[] buffer = new byte[4096];
            while (await input.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A broken pipe is an end too.
        }

        try
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Already stopping for another reason.
        }
    }
}
