using System.Globalization;
using System.Text.Json;

namespace FunnelFlux.Emulator;

/// <summary>
/// The named arguments of one fault kind, from the command line (text) or the control endpoint
/// (JSON values). Names match case-insensitively; every reader throws <see cref="FormatException"/>
/// with a message fit for the user.
/// </summary>
internal sealed class FaultArguments
{
    private readonly Dictionary<string, object> _values = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Names => _values.Keys;

    public void Set(string name, string text) => _values[name] = text;

    public void Set(string name, JsonElement value) => _values[name] = value;

    public bool Has(string name) => _values.ContainsKey(name);

    public int Int(string name, int fallback, int min, int max)
    {
        long value = Long(name, fallback, min, max);
        return (int)value;
    }

    public long Long(string name, long fallback, long min, long max)
    {
        if (!_values.TryGetValue(name, out object? raw))
        {
            return fallback;
        }

        long value = raw switch
        {
            JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out long n) => n,
            string text when TryParseSize(text, out long n) => n,
            _ => throw new FormatException($"'{name}' must be a whole number, not {Describe(raw)}."),
        };
        if (value < min || value > max)
        {
            throw new FormatException($"'{name}' must be between {min} and {max}, not {value}.");
        }

        return value;
    }

    public string? String(string name, string? fallback = null)
    {
        if (!_values.TryGetValue(name, out object? raw))
        {
            return fallback;
        }

        return raw switch
        {
            string text => text,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null } => fallback,
            _ => throw new FormatException($"'{name}' must be a string, not {Describe(raw)}."),
        };
    }

    public string RequiredString(string name, string kind) =>
        String(name) is { Length: > 0 } value ? value : throw new FormatException($"Fault kind '{kind}' needs '{name}'.");

    /// <summary>Refuses names the kind does not take, so that a typo is not silently ignored.</summary>
    public void AllowOnly(string kind, IReadOnlyCollection<string> allowed)
    {
        string? unknown = _values.Keys.FirstOrDefault(n => !allowed.Contains(n, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            string expected = allowed.Count == 0 ? "it takes no arguments" : "it takes " + string.Join(", ", allowed);
            throw new FormatException($"Fault kind '{kind}' has no argument '{unknown}' ({expected}).");
        }
    }

    // Whole numbers, optionally with a 1024-based KB/MB/GB suffix (command line only: "200MB").
    private static bool TryParseSize(string text, out long value)
    {
        string t = text.Trim();
        long unit = 1;
        foreach ((string suffix, long factor) in new[] { ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10) })
        {
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                unit = factor;
                t = t[..^suffix.Length];
                break;
            }
        }

        if (!long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) || n > long.MaxValue / unit || n < long.MinValue / unit)
        {
            value = 0;
            return false;
        }

        value = n * unit;
        return true;
    }

    private static string Describe(object raw) => raw switch
    {
        string text => $"'{text}'",
        JsonElement e => e.GetRawText(),
        _ => raw.ToString() ?? "null",
    };
}
