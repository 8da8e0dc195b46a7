using System.Collections.Concurrent;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// Collects the core's Verbose/Debug messages from pool threads, so the cmdlet can write them
    /// from the pipeline thread (PowerShell refuses writes from any other thread). Knows which of
    /// the two streams the user will see, so the core builds (and this queues) only those. Every
    /// message is masked of known tokens: Debug quotes what the server answered.
    /// </summary>
    internal sealed class QueuedEventSink : IApiEventSink
    {
        private readonly ConcurrentQueue<(bool IsDebug, string Message)> _messages = new ConcurrentQueue<(bool, string)>();

        public QueuedEventSink(bool verboseEnabled, bool debugEnabled)
        {
            VerboseEnabled = verboseEnabled;
            DebugEnabled = debugEnabled;
        }

        public bool VerboseEnabled { get; }

        public bool DebugEnabled { get; }

        public void Verbose(string message)
        {
            if (VerboseEnabled)
            {
                _messages.Enqueue((false, KnownSecrets.Scrub(message)));
            }
        }

        public void Debug(string message)
        {
            if (DebugEnabled)
            {
                _messages.Enqueue((true, KnownSecrets.Scrub(message)));
            }
        }

        public bool TryDequeue(out (bool IsDebug, string Message) item) => _messages.TryDequeue(out item);
    }
}
