namespace FunnelFlux.Emulator.Tests;

/// <summary>A fact that needs POSIX signals sent with kill(1); reported as skipped on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Sends POSIX signals with kill(1), which Windows does not have.";
        }
    }
}
