using System.Text.RegularExpressions;

namespace FunnelFlux.Emulator;

/// <summary>
/// The record of every request, in arrival order. An entry is taken when a request arrives and
/// completed once its answer is decided, before the answer is written: a client that has its answer
/// therefore always finds the request in the log. Token text is scrubbed on the way in.
/// </summary>
internal sealed partial class RequestLog
{
    private const string Mask = "***";

    private readonly object _gate = new();
    private readonly List<Entry> _entries = new();
    private readonly Func<string[]> _knownTokens;
    private readonly Func<Action<RecordedRequest>?> _observer;

    public RequestLog(Func<string[]> knownTokens, Func<Action<RecordedRequest>?> observer)
    {
        _knownTokens = knownTokens;
        _observer = observer;
    }

    public Entry Begin(string method, string path, string? query, string? body, bool hadAuthorization, DateTimeOffset at, IReadOnlyDictionary<string, string>? headers = null)
    {
        string[] tokens = _knownTokens();
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (headers is not null)
        {
            foreach (KeyValuePair<string, string> header in headers)
            {
                kept[header.Key] = Scrub(header.Value, tokens)!;
            }
        }

        var entry = new Entry(method, Scrub(path, tokens)!, Scrub(query, tokens), Scrub(MaskTokenFields(body), tokens), hadAuthorization, at, kept);
        lock (_gate)
        {
            _entries.Add(entry);
        }

        return entry;
    }

    /// <summary>Settles the entry once; later calls for the same entry change nothing.</summary>
    public void Complete(Entry entry, RequestOutcome outcome, int statusCode)
    {
        RecordedRequest record;
        lock (_gate)
        {
            if (entry.Record is not null)
            {
                return;
            }

            // Only a whole answer has a status worth counting; anything else is recorded as 0.
            int status = outcome == RequestOutcome.Answered ? statusCode : 0;
            record = new RecordedRequest(entry.Method, entry.Path, entry.Query, entry.Body, entry.HadAuthorization, status, entry.At)
            {
                Outcome = outcome,
                Headers = entry.Headers,
            };
            entry.Record = record;
        }

        _observer()?.Invoke(record);
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return _entries.Where(e => e.Record is not null).Select(e => e.Record!).ToArray();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    // Catches token fields even in bodies that are not valid JSON, and tokens the emulator never issued.
    private static string? MaskTokenFields(string? body) =>
        body is null ? null : TokenField().Replace(body, "$1\"" + Mask + "\"");

    private static string? Scrub(string? text, string[] tokens)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (string token in tokens)
        {
            text = text.Replace(token, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    [GeneratedRegex("(\"(?:refresh_token|access_token)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenField();

    internal sealed class Entry(string method, string path, string? query, string? body, bool hadAuthorization, DateTimeOffset at, IReadOnlyDictionary<string, string> headers)
    {
        public IReadOnlyDictionary<string, string> Headers { get; } = headers;

        public string Method { get; } = method;

        public string Path { get; } = path;

        public string? Query { get; } = query;

        public string? Body { get; } = body;

        public bool HadAuthorization { get; } = hadAuthorization;

        public DateTimeOffset At { get; } = at;

        public RecordedRequest? Record { get; set; }
    }
}
