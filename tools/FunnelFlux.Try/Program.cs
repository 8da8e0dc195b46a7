using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FunnelFlux.Try;

/// <summary>
/// `dotnet run --project tools/FunnelFlux.Try`: an emulator with sample domains, and an
/// interactive pwsh with the freshly built module imported and connected to it. Leaving the shell
/// (or the shell dying, or this program being stopped) stops the emulator.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0)
        {
            bool help = args is ["--help"] or ["-h"] or ["-?"];
            (help ? Console.Out : Console.Error).WriteLine(
                "Usage: dotnet run --project tools/FunnelFlux.Try   (or ./build.ps1 -Task Try)\n" +
                "Starts the FunnelFlux API emulator with sample domains and opens PowerShell with the\n" +
                "module from out/FunnelFlux imported and connected to it. Type 'exit' to leave; the\n" +
                "emulator stops with the shell. It takes no options.");
            return help ? 0 : 2;
        }
        if (!File.Exists(TryLayout.ModuleManifest))
        {
            Console.Error.WriteLine($"The module is not built: {TryLayout.ModuleManifest} is missing. Run `dotnet build FunnelFlux.sln`, then try again.");
            return 1;
        }

        DirectoryInfo scratch = Directory.CreateTempSubdirectory("funnelflux-try-");
        try
        {
            return Run(scratch.FullName);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine("FunnelFlux try: " + e.Message);
            return 1;
        }
        finally
        {
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder holds only demo data.
            }
        }
    }

    private static int Run(string scratch)
    {
        Console.WriteLine("Starting the FunnelFlux API emulator with sample domains...");
        using EmulatorChild emulator = EmulatorChild.Start(Path.Combine(scratch, "emulator-ready.json"));
        using Process shell = TryShell.Start(emulator, Path.Combine(scratch, "session.json"));

        // Ctrl+C belongs to the shell (it stops the command running there): ignore it here.
        // Being stopped or hung up ends the shell too, and then the emulator.
        using PosixSignalRegistration? interrupt = Register(PosixSignal.SIGINT, c => c.Cancel = true);
        using PosixSignalRegistration? quit = Register(PosixSignal.SIGQUIT, c => c.Cancel = true);
        using PosixSignalRegistration? terminate = Register(PosixSignal.SIGTERM, c => EndShell(c, shell));
        using PosixSignalRegistration? hangUp = Register(PosixSignal.SIGHUP, c => EndShell(c, shell));

        shell.WaitForExit();
        int exitCode = shell.ExitCode;
        bool emulatorDiedEarly = emulator.HasExited;
        emulator.Dispose();
        Console.WriteLine(emulatorDiedEarly
            ? "FunnelFlux try: the emulator had stopped before the shell did. Its output:\n" + emulator.Output
            : "FunnelFlux try: the shell has exited and the emulator has stopped.");
        return exitCode;
    }

    // A signal the platform does not have cannot arrive either.
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

    private static void EndShell(PosixSignalContext context, Process shell)
    {
        context.Cancel = true;
        try
        {
            shell.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
