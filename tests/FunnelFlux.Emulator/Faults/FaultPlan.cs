namespace FunnelFlux.Emulator;

/// <summary>
/// Queued faults. A request takes the first entry, in order of <see cref="Add"/>, whose method and
/// path pattern match and which has uses left. Thread-safe.
/// </summary>
public sealed class FaultPlan
{
    private readonly object _gate = new();
    private readonly List<Entry> _entries = new();

    /// <summary>
    /// Queues <paramref name="fault"/> for the next <paramref name="times"/> requests whose method
    /// matches (null = any) and whose path after /v1 matches <paramref name="pathPattern"/>: exact, or
    /// a prefix when it ends with '*' (e.g. "/billing/domains*"). Matching ignores case and is tried
    /// against the path both as sent and URL-unescaped. A leading "/v1" in the pattern is tolerated.
    /// </summary>
    public void Add(string? method, string pathPattern, Fault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(pathPattern);
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);

        lock (_gate)
        {
            _entries.Add(new Entry(method, Normalize(pathPattern), fault, times));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>How many fault uses are still queued.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _entries.Sum(e => e.Remaining);
            }
        }
    }

    internal Fault? Take(string method, string rawPath, string unescapedPath)
    {
        lock (_gate)
        {
            for (int i = 0; i < _entries.Count; i++)
            {
                Entry entry = _entries[i];
                if (entry.Matches(method, rawPath, unescapedPath))
                {
                    entry.Remaining--;
                    if (entry.Remaining == 0)
                    {
                        _entries.RemoveAt(i);
                    }

                    return entry.Fault;
                }
            }

            return null;
        }
    }

    private static string Normalize(string pattern)
    {
        string p = pattern.StartsWith('/') ? pattern : "/" + pattern;
        return p.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase) ? p[3..] : p;
    }

    private sealed class Entry(string? method, string pattern, Fault fault, int times)
    {
        public Fault Fault { get; } = fault;

        public int Remaining { get; set; } = times;

        public bool Matches(string requestMethod, string rawPath, string unescapedPath)
        {
            if (method is not null && !string.Equals(method, requestMethod, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            return PathMatches(rawPath) || PathMatches(unescapedPath);
        }

        private bool PathMatches(string path) => pattern.EndsWith('*')
            ? path.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(path, pattern, StringComparison.OrdinalIgnoreCase);
    }
}
