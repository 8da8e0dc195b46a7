using System;
using System.Collections.Generic;
using System.Globalization;
using FunnelFlux.Ids;

namespace FunnelFlux.Requests
{
    /// <summary>One value found at a named field, and what the asset ID check made of it.</summary>
    public sealed class AssetIdFieldCheck
    {
        public AssetIdFieldCheck(string path, AssetIdInfo info)
        {
            Path = path;
            Info = info;
        }

        /// <summary>Where the value is, e.g. "funnelIDs[1]" or "nodes[0].id".</summary>
        public string Path { get; }

        public AssetIdInfo Info { get; }
    }

    /// <summary>
    /// Checks that named fields of a body (plain values, see <see cref="PlainJson"/>) hold valid
    /// asset IDs, before anything is sent. A field path is property names joined by '.'
    /// ("trafficSourceIDs", "funnel.nodes.id"); a name matches exactly, or else in any case when
    /// only one spelling matches. A key that appears more than once (JSON text may repeat one) is
    /// checked at every appearance, since parsers differ on which one counts. Arrays on the way, and at the end, are checked item by item. A field
    /// that is missing, null, or holds anything but strings is reported invalid: it was named
    /// because it must hold IDs. An empty array holds no invalid ID.
    /// </summary>
    public static class AssetIdFields
    {
        public static IReadOnlyList<AssetIdFieldCheck> Check(object? body, IEnumerable<string> fieldPaths)
        {
            if (fieldPaths is null) throw new ArgumentNullException(nameof(fieldPaths));
            var results = new List<AssetIdFieldCheck>();
            foreach (string fieldPath in fieldPaths)
            {
                string[] names = SplitPath(fieldPath);
                var current = new List<(string Path, object? Value)> { (string.Empty, body) };
                for (int level = 0; level < names.Length; level++)
                {
                    var next = new List<(string, object?)>();
                    foreach (var (path, value) in current)
                    {
                        Descend(path, value, names[level], next);
                    }
                    current = next;
                }
                foreach (var (path, value) in current)
                {
                    CheckLeaf(path, value, results);
                }
            }
            return results;
        }

        /// <summary>True when every check passed (and at least one field was named).</summary>
        public static bool AllValid(IReadOnlyList<AssetIdFieldCheck> checks)
        {
            foreach (var check in checks)
            {
                if (!check.Info.IsValid) return false;
            }
            return true;
        }

        private static string[] SplitPath(string? fieldPath)
        {
            if (string.IsNullOrWhiteSpace(fieldPath))
            {
                throw new ArgumentException("A field name is empty. Name the fields that must hold asset IDs, such as funnelIDs or nodes.id.");
            }
            string[] names = fieldPath!.Split('.');
            foreach (string name in names)
            {
                if (name.Trim().Length == 0)
                {
                    throw new ArgumentException($"The field path '{fieldPath}' has an empty name between dots.");
                }
            }
            return names;
        }

        /// <summary>
        /// Follows one name from <paramref name="value"/>. What cannot be followed travels on as a
        /// <see cref="Problem"/>, so every finding is reported in document order.
        /// </summary>
        private static void Descend(string path, object? value, string name, List<(string, object?)> next)
        {
            switch (value)
            {
                case Problem _:
                    next.Add((path, value));
                    return;
                case List<object?> items:
                    for (int i = 0; i < items.Count; i++)
                    {
                        Descend(Index(path, i), items[i], name, next);
                    }
                    return;
                case List<KeyValuePair<string, object?>> entries:
                    string childPath = path.Length == 0 ? name : path + "." + name;
                    var found = Find(entries, name, out string? problem);
                    if (found.Count == 0)
                    {
                        next.Add((childPath, new Problem(problem ?? "The field is missing; it must hold an asset ID.")));
                    }
                    for (int k = 0; k < found.Count; k++)
                    {
                        // A key given twice: parsers differ on which one counts, so every one is checked.
                        string at = found.Count == 1 ? childPath : $"{childPath} (occurrence {k + 1} of {found.Count})";
                        next.Add((at, found[k]));
                    }
                    return;
                default:
                    string where = path.Length == 0 ? "The body" : path;
                    next.Add((path.Length == 0 ? name : path + "." + name, new Problem($"{where} is {Describe(value)}, not an object with a field '{name}'.")));
                    return;
            }
        }

        private static void CheckLeaf(string path, object? value, List<AssetIdFieldCheck> results)
        {
            switch (value)
            {
                case Problem problem:
                    results.Add(Invalid(path, null, problem.Message));
                    return;
                case string id:
                    var info = AssetIdValidator.Inspect(id);
                    results.Add(info.IsValid ? new AssetIdFieldCheck(path, info) : Invalid(path, id, info.Reason!));
                    return;
                case List<object?> items:
                    for (int i = 0; i < items.Count; i++)
                    {
                        if (items[i] is List<object?>)
                        {
                            results.Add(Invalid(Index(path, i), null, "It is a nested list, not an asset ID."));
                        }
                        else
                        {
                            CheckLeaf(Index(path, i), items[i], results);
                        }
                    }
                    return;
                default:
                    results.Add(Invalid(path, null, $"It is {Describe(value)}, not an asset ID (a 12-character string)."));
                    return;
            }
        }

        /// <summary>
        /// The values of every key that is <paramref name="name"/> exactly, or else of every key
        /// that matches it in another case, when those all have one spelling. Keys that differ from
        /// each other only in case make the name ambiguous: nothing is found and
        /// <paramref name="problem"/> says why.
        /// </summary>
        private static List<object?> Find(List<KeyValuePair<string, object?>> entries, string name, out string? problem)
        {
            problem = null;
            var values = new List<object?>();
            foreach (var pair in entries)
            {
                if (string.Equals(pair.Key, name, StringComparison.Ordinal))
                {
                    values.Add(pair.Value);
                }
            }
            if (values.Count > 0)
            {
                return values;
            }
            string? spelling = null;
            foreach (var pair in entries)
            {
                if (!string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                if (spelling != null && !string.Equals(spelling, pair.Key, StringComparison.Ordinal))
                {
                    problem = $"The name is ambiguous: the object has the keys '{spelling}' and '{pair.Key}', which differ only in case. Name the one that must hold the ID exactly.";
                    values.Clear();
                    return values;
                }
                spelling = pair.Key;
                values.Add(pair.Value);
            }
            return values;
        }

        private static string Index(string path, int i) => path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";

        private static string Describe(object? value)
        {
            switch (value)
            {
                case null: return "null";
                case string _: return "a string";
                case bool _: return "a boolean";
                case List<object?> _: return "a list";
                case List<KeyValuePair<string, object?>> _: return "an object";
                default: return "a number";
            }
        }

        /// <summary>Why a named field could not be reached.</summary>
        private sealed class Problem
        {
            public Problem(string message) => Message = message;

            public string Message { get; }
        }

        private static AssetIdFieldCheck Invalid(string path, string? id, string reason) =>
            new AssetIdFieldCheck(path, new AssetIdInfo(id, false, null, $"{path}: {reason}"));
    }
}
