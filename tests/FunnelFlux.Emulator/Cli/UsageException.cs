namespace FunnelFlux.Emulator;

/// <summary>A command line that cannot be run; the message says what is wrong (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
