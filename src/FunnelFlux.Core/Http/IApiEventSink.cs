namespace FunnelFlux.Http
{
    /// <summary>
    /// Receives what happens during a call (each request, its status and time, retries and why).
    /// Called from pool threads: a PowerShell implementation must queue and write from the
    /// pipeline thread. Messages never contain tokens.
    /// </summary>
    public interface IApiEventSink
    {
        void Verbose(string message);

        void Debug(string message);
    }

    internal sealed class NullEventSink : IApiEventSink
    {
        public static readonly NullEventSink Instance = new NullEventSink();

        public void Verbose(string message) { }

        public void Debug(string message) { }
    }
}
