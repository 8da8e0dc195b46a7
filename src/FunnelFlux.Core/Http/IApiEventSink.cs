namespace FunnelFlux.Http
{
    /// <summary>
    /// Receives what happens during a call (each request, its status and time, retries and why).
    /// Called from pool threads: a PowerShell implementation must queue and write from the
    /// pipeline thread. Messages never contain tokens.
    /// </summary>
    public interface IApiEventSink
    {
        /// <summary>Whether Verbose messages are shown; when false the core does not build the busy ones.</summary>
        bool VerboseEnabled { get; }

        /// <summary>Whether Debug messages (bodies) are shown; when false no body excerpt is made.</summary>
        bool DebugEnabled { get; }

        void Verbose(string message);

        void Debug(string message);
    }

    internal sealed class NullEventSink : IApiEventSink
    {
        public static readonly NullEventSink Instance = new NullEventSink();

        public bool VerboseEnabled => false;

        public bool DebugEnabled => false;

        public void Verbose(string message) { }

        public void Debug(string message) { }
    }
}
