using System.Collections.Concurrent;
using FunnelFlux.Http;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// Collects the core's Verbose/Debug messages from pool threads, so the cmdlet can write them
    /// from the pipeline thread (PowerShell refuses writes from any other thread).
    /// </summary>
    internal sealed class QueuedEventSink : IApiEventSink
    {
        private readonly ConcurrentQueue<(bool IsDebug, string Message)> _messages = new ConcurrentQueue<(bool, string)>();

        public void Verbose(string message) => _messages.Enqueue((false, message));

        public void Debug(string message) => _messages.Enqueue((true, message));

        public bool TryDequeue(out (bool IsDebug, string Message) item) => _messages.TryDequeue(out item);
    }
}
