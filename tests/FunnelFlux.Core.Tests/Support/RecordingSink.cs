using FunnelFlux.Tests.Shared;
using FunnelFlux.Http;

namespace FunnelFlux.Core.Tests.Support;

/// <summary>Keeps what the core reported, and fails the moment a known secret shows up in it.</summary>
public sealed class RecordingSink : IApiEventSink
{
    private readonly List<string> _messages = new();

    /// <param name="debug">False for a sink as without -Debug: the core should then send it no Debug message at all.</param>
    public RecordingSink(bool debug = true) => DebugEnabled = debug;

    public IReadOnlyList<string> Messages
    {
        get { lock (_messages) return _messages.ToList(); }
    }

    // A test sees everything the core would show a user with -Verbose -Debug (or -Verbose alone).
    public bool VerboseEnabled => true;

    public bool DebugEnabled { get; }

    public void Verbose(string message) => Add("VERBOSE: " + message);

    public void Debug(string message) => Add("DEBUG: " + message);

    private void Add(string message)
    {
        Secrets.AssertAbsent(message);
        lock (_messages) _messages.Add(message);
    }
}
