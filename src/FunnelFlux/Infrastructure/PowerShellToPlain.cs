using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Numerics;
using System.Security;
using FunnelFlux.Requests;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// Turns what a user passes as -Body or -Query (hashtables, [ordered] dictionaries,
    /// [pscustomobject]s, arrays, plain values) into the core's plain values (see PlainJson), to any
    /// depth: iteratively, so nothing is cut off at a depth limit and a deep object cannot exhaust
    /// the stack. A cycle is refused, naming where it closes. Values are written as follows:
    /// DateTime and DateTimeOffset as ISO 8601 round-trip text ("o"), enums by name, TimeSpan as
    /// "c" text, Guid and Uri as text, char as a one-character string. A SecureString or
    /// PSCredential is refused (a secret never goes into a body by accident), and so are XML nodes
    /// and any other object type, rather than guessing which of its properties matter.
    /// </summary>
    internal static class PowerShellToPlain
    {
        /// <param name="parameterName">The parameter the value came from, named in messages.</param>
        /// <param name="errorId">The ErrorId of a refusal.</param>
        /// <param name="consequence">Appended to a refusal's message, such as " Nothing was sent."</param>
        /// <exception cref="RequestRefusedException">The value has no JSON form the module can be sure of.</exception>
        public static object? Convert(object? value, string parameterName, string errorId, string consequence = "")
        {
            try
            {
                return ConvertAll(value, parameterName, errorId);
            }
            catch (RequestRefusedException e) when (consequence.Length > 0)
            {
                throw new RequestRefusedException(e.ErrorId, e.Message + consequence, parameterName);
            }
        }

        private static object? ConvertAll(object? value, string parameterName, string errorId)
        {
            var open = new Stack<Frame>();
            var ancestors = new HashSet<object>(IdentityComparer.Instance);
            object? root = Shell(value, "$", open, ancestors, parameterName, errorId);
            while (open.Count > 0)
            {
                var frame = open.Peek();
                if (!frame.MoveNext(out string key, out object? child, out string childPath, parameterName, errorId))
                {
                    open.Pop();
                    ancestors.Remove(frame.Identity);
                    continue;
                }
                frame.Add(key, Shell(child, childPath, open, ancestors, parameterName, errorId));
            }
            return root;
        }

        /// <summary>A scalar converted, or an empty container queued to be filled (after the cycle check).</summary>
        private static object? Shell(object? value, string path, Stack<Frame> open, HashSet<object> ancestors, string parameterName, string errorId)
        {
            if (value is null || value == System.Management.Automation.Internal.AutomationNull.Value)
            {
                return null;
            }
            var wrapper = value as PSObject;
            object item = wrapper?.BaseObject ?? value;
            switch (item)
            {
                case string s: return s;
                case char c: return c.ToString();
                case bool b: return b;
                case sbyte n: return (long)n;
                case byte n: return (long)n;
                case short n: return (long)n;
                case ushort n: return (long)n;
                case int n: return (long)n;
                case uint n: return (long)n;
                case long n: return n;
                case ulong n: return n <= long.MaxValue ? (object)(long)n : n;
                case decimal m: return m;
                case BigInteger big: return big;
                case float f:
                    CheckFinite(f, path, parameterName, errorId);
                    // Through its shortest text, so 1.1f is written 1.1 and not 1.100000023841858.
                    return double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                case double d:
                    CheckFinite(d, path, parameterName, errorId);
                    return d;
                case Enum e: return e.ToString();
                case DateTime dt: return dt.ToString("o", CultureInfo.InvariantCulture);
                case DateTimeOffset dto: return dto.ToString("o", CultureInfo.InvariantCulture);
                case TimeSpan span: return span.ToString("c", CultureInfo.InvariantCulture);
                case Guid guid: return guid.ToString();
                case Uri uri: return uri.OriginalString;
                case SecureString _:
                case PSCredential _:
                    throw Refuse(parameterName, errorId, $"-{parameterName} holds a {item.GetType().Name} at {path}. The module never puts a secret into a request by itself; if the API needs the value, convert it deliberately first.");
                case ScriptBlock _:
                    throw Refuse(parameterName, errorId, $"-{parameterName} holds a script block at {path}. Run it and pass its result instead.");
            }

            if (item is System.Xml.XmlNode node)
            {
                // An XML node enumerates its child nodes, so as a list it would become nested empty arrays.
                throw Refuse(parameterName, errorId,
                    $"-{parameterName} holds XML ({node.GetType().Name}) at {path}. The API takes JSON, and XML has no one JSON form: " +
                    "build a hashtable or [pscustomobject] from the values you need, such as @{ name = $xml.root.name }.");
            }
            if (item is IDictionary dictionary)
            {
                return Enter(new DictionaryFrame(dictionary, path), dictionary, open, ancestors, parameterName, errorId);
            }
            if (item is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                // A string-keyed dictionary that is not an IDictionary: an ExpandoObject, or a
                // read-only one. As a list it would become an array of its pairs.
                return Enter(new PairsFrame(pairs, path), item, open, ancestors, parameterName, errorId);
            }
            if (parameterName != "Query" && IsSystemTextJson(item))
            {
                throw Refuse(parameterName, errorId,
                    $"-{parameterName} holds a {item.GetType().FullName} at {path}. JSON that System.Text.Json has parsed is not converted value by value: " +
                    $"pass its JSON text instead ($node.ToJsonString() for a JsonNode, $element.GetRawText() for a JsonElement), which -{parameterName} takes as it is.");
            }
            if (item is PSCustomObject && wrapper != null)
            {
                // Every [pscustomobject] shares one base object: the wrapper is its identity.
                return Enter(new PropertiesFrame(wrapper, path), wrapper, open, ancestors, parameterName, errorId);
            }
            if (item is IEnumerable sequence)
            {
                return Enter(new SequenceFrame(sequence, path), item, open, ancestors, parameterName, errorId);
            }
            throw Refuse(parameterName, errorId,
                $"-{parameterName} holds a {item.GetType().FullName} at {path}, which has no JSON form the module can be sure of. " +
                "Build the value from hashtables, [ordered] dictionaries, [pscustomobject]s, arrays, strings, numbers, booleans, dates and $null " +
                "(Select-Object picks the properties you want from any object).");
        }

        /// <summary>A JsonNode, JsonElement or JsonDocument: of PowerShell's System.Text.Json or any other copy of it.</summary>
        private static bool IsSystemTextJson(object item) =>
            item.GetType().Namespace is string space && (space == "System.Text.Json" || space == "System.Text.Json.Nodes");

        private static object Enter(Frame frame, object identity, Stack<Frame> open, HashSet<object> ancestors, string parameterName, string errorId)
        {
            if (!ancestors.Add(identity))
            {
                throw Refuse(parameterName, errorId, $"-{parameterName} contains itself at {frame.Path} (a cycle), so it has no JSON form. Remove the reference back to the containing object.");
            }
            frame.Identity = identity;
            open.Push(frame);
            return frame.Container;
        }

        private static void CheckFinite(double value, string path, string parameterName, string errorId)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw Refuse(parameterName, errorId, $"-{parameterName} holds {value.ToString(CultureInfo.InvariantCulture)} at {path}, which JSON cannot represent.");
            }
        }

        private static RequestRefusedException Refuse(string parameterName, string errorId, string message) =>
            new RequestRefusedException(errorId, message, parameterName);

        private static string KeyText(object key, string path, string parameterName, string errorId)
        {
            object raw = key is PSObject wrapped ? wrapped.BaseObject : key;
            string? text = raw is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : raw.ToString();
            return text ?? throw Refuse(parameterName, errorId, $"-{parameterName} has a key at {path} whose text is null.");
        }

        private abstract class Frame
        {
            protected Frame(string path) => Path = path;

            public string Path { get; }

            public object Identity { get; set; } = null!;

            public abstract object Container { get; }

            public abstract bool MoveNext(out string key, out object? child, out string childPath, string parameterName, string errorId);

            public abstract void Add(string key, object? value);
        }

        private abstract class ObjectFrame : Frame
        {
            private readonly List<KeyValuePair<string, object?>> _entries = new List<KeyValuePair<string, object?>>();

            protected ObjectFrame(string path) : base(path) { }

            public override object Container => _entries;

            public override void Add(string key, object? value) => _entries.Add(new KeyValuePair<string, object?>(key, value));

            public sealed override bool MoveNext(out string key, out object? child, out string childPath, string parameterName, string errorId)
            {
                if (NextEntry(parameterName, errorId) is KeyValuePair<string, object?> entry)
                {
                    key = entry.Key;
                    child = entry.Value;
                    childPath = ChildPath(key);
                    return true;
                }
                key = string.Empty;
                child = null;
                childPath = Path;
                return false;
            }

            /// <summary>The next key and its value; null at the end.</summary>
            protected abstract KeyValuePair<string, object?>? NextEntry(string parameterName, string errorId);

            protected string ChildPath(string key) =>
                key.Length > 0 && IsIdentifier(key) ? Path + "." + key : Path + "['" + key.Replace("'", "''") + "']";

            private static bool IsIdentifier(string key)
            {
                foreach (char c in key)
                {
                    if (!char.IsLetterOrDigit(c) && c != '_') return false;
                }
                return true;
            }
        }

        private sealed class DictionaryFrame : ObjectFrame
        {
            private readonly IDictionaryEnumerator _items;

            public DictionaryFrame(IDictionary dictionary, string path) : base(path) => _items = dictionary.GetEnumerator();

            protected override KeyValuePair<string, object?>? NextEntry(string parameterName, string errorId) =>
                _items.MoveNext()
                    ? new KeyValuePair<string, object?>(KeyText(_items.Key, Path, parameterName, errorId), _items.Value)
                    : (KeyValuePair<string, object?>?)null;
        }

        /// <summary>A string-keyed dictionary that is no IDictionary (an ExpandoObject).</summary>
        private sealed class PairsFrame : ObjectFrame
        {
            private readonly IEnumerator<KeyValuePair<string, object?>> _pairs;

            public PairsFrame(IEnumerable<KeyValuePair<string, object?>> pairs, string path) : base(path) => _pairs = pairs.GetEnumerator();

            protected override KeyValuePair<string, object?>? NextEntry(string parameterName, string errorId)
            {
                if (!_pairs.MoveNext())
                {
                    return null;
                }
                string key = _pairs.Current.Key ?? throw Refuse(parameterName, errorId, $"-{parameterName} has a key at {Path} whose text is null.");
                return new KeyValuePair<string, object?>(key, _pairs.Current.Value);
            }
        }

        private sealed class PropertiesFrame : ObjectFrame
        {
            private readonly IEnumerator<PSPropertyInfo> _properties;

            public PropertiesFrame(PSObject value, string path) : base(path) => _properties = value.Properties.GetEnumerator();

            protected override KeyValuePair<string, object?>? NextEntry(string parameterName, string errorId)
            {
                while (_properties.MoveNext())
                {
                    var property = _properties.Current;
                    if (!property.IsGettable)
                    {
                        continue;
                    }
                    try
                    {
                        return new KeyValuePair<string, object?>(property.Name, property.Value);
                    }
                    catch (Exception e) when (e is GetValueException || e is RuntimeException)
                    {
                        throw Refuse(parameterName, errorId, $"Reading {ChildPath(property.Name)} of -{parameterName} failed: {e.Message}");
                    }
                }
                return null;
            }
        }

        private sealed class SequenceFrame : Frame
        {
            private readonly List<object?> _items = new List<object?>();
            private readonly IEnumerator _source;
            private int _index = -1;

            public SequenceFrame(IEnumerable sequence, string path) : base(path) => _source = sequence.GetEnumerator();

            public override object Container => _items;

            public override bool MoveNext(out string key, out object? child, out string childPath, string parameterName, string errorId)
            {
                key = string.Empty;
                if (!_source.MoveNext())
                {
                    child = null;
                    childPath = Path;
                    return false;
                }
                _index++;
                child = _source.Current;
                childPath = Path + "[" + _index.ToString(CultureInfo.InvariantCulture) + "]";
                return true;
            }

            public override void Add(string key, object? value) => _items.Add(value);
        }

        private sealed class IdentityComparer : IEqualityComparer<object>
        {
            public static readonly IdentityComparer Instance = new IdentityComparer();

            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

            public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
