using System.Collections.Generic;
using System.Text;

namespace FunnelFlux.Requests
{
    /// <summary>
    /// Makes JSON fit to show in -Debug: the value of every field whose name may hold a secret
    /// (<see cref="PlainJson.IsSecretName"/>), at any depth, becomes "***". Text that is not JSON
    /// is masked by pattern instead, so a broken body cannot slip a token through.
    /// </summary>
    public static class JsonRedaction
    {
        public const string Mask = "***";

        private static readonly char[] QuoteOrBackslash = { '"', '\\' };

        public static string Redact(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }
            if (JsonAnswer.TryRead(text, out object? value, out _))
            {
                return JsonBody.Write(MaskSecrets(value));
            }
            return MaskSecretFields(text);
        }

        /// <summary>
        /// Text that is not JSON: in every <c>"name": value</c> whose name may hold a secret (a
        /// name without quotes or backslashes in it), the value becomes "***". The value is a
        /// quoted string (escapes allowed, the closing quote optional) or a run of characters up
        /// to a comma, '}', ']' or white space. Found in one pass over the text: the regular
        /// expression this replaces backtracked over a long unclosed string once for every
        /// secret word in it (1.6 s for 78 KB, growing with the square of the length).
        /// </summary>
        private static string MaskSecretFields(string text)
        {
            StringBuilder? masked = null;
            int copied = 0;
            int open = text.IndexOf('"');
            while (open >= 0)
            {
                int end = text.IndexOfAny(QuoteOrBackslash, open + 1);
                if (end < 0)
                {
                    break; // no name closes from here on
                }
                if (text[end] == '\\')
                {
                    open = text.IndexOf('"', end + 1); // a backslash ends no name
                    continue;
                }
                int valueStart = SkipWhiteSpace(text, end + 1);
                int valueEnd = -1;
                if (valueStart < text.Length && text[valueStart] == ':' && PlainJson.IsSecretName(text.Substring(open + 1, end - open - 1)))
                {
                    valueStart = SkipWhiteSpace(text, valueStart + 1);
                    valueEnd = ValueEnd(text, valueStart);
                }
                if (valueEnd < 0)
                {
                    open = text.IndexOf('"', end); // the closing quote may open the next name
                    continue;
                }
                masked ??= new StringBuilder(text.Length);
                masked.Append(text, copied, valueStart - copied).Append('"').Append(Mask).Append('"');
                copied = valueEnd;
                open = valueEnd < text.Length ? text.IndexOf('"', valueEnd) : -1;
            }
            if (masked == null)
            {
                return text;
            }
            masked.Append(text, copied, text.Length - copied);
            return masked.ToString();
        }

        private static int SkipWhiteSpace(string text, int at)
        {
            while (at < text.Length && char.IsWhiteSpace(text[at]))
            {
                at++;
            }
            return at;
        }

        /// <summary>Where the value starting at <paramref name="at"/> ends; -1 when no value starts there.</summary>
        private static int ValueEnd(string text, int at)
        {
            if (at >= text.Length)
            {
                return -1;
            }
            if (text[at] == '"')
            {
                int i = at + 1;
                while (i < text.Length)
                {
                    char c = text[i];
                    if (c == '"')
                    {
                        return i + 1;
                    }
                    if (c == '\\')
                    {
                        if (i + 1 < text.Length && text[i + 1] != '\n')
                        {
                            i += 2;
                            continue;
                        }
                        return i; // an escape that escapes nothing ends the value before it
                    }
                    i++;
                }
                return i; // never closed: the rest of the text
            }
            int stop = at;
            while (stop < text.Length && !IsValueStop(text[stop]))
            {
                stop++;
            }
            return stop > at ? stop : -1;
        }

        private static bool IsValueStop(char c) => c == ',' || c == '}' || c == ']' || char.IsWhiteSpace(c);

        /// <summary>A copy of <paramref name="value"/> with secret fields masked (plain values only).</summary>
        public static object? MaskSecrets(object? value)
        {
            var pending = new Stack<(object Source, object Copy)>();
            object? root = CopyShell(value, pending);
            while (pending.Count > 0)
            {
                var (source, copy) = pending.Pop();
                if (source is List<KeyValuePair<string, object?>> entries)
                {
                    var target = (List<KeyValuePair<string, object?>>)copy;
                    foreach (var pair in entries)
                    {
                        object? item = PlainJson.IsSecretName(pair.Key) ? Mask : CopyShell(pair.Value, pending);
                        target.Add(new KeyValuePair<string, object?>(pair.Key, item));
                    }
                }
                else
                {
                    var target = (List<object?>)copy;
                    foreach (object? item in (List<object?>)source)
                    {
                        target.Add(CopyShell(item, pending));
                    }
                }
            }
            return root;
        }

        /// <summary>A scalar as it is; an empty container of the same kind, queued to be filled.</summary>
        private static object? CopyShell(object? value, Stack<(object, object)> pending)
        {
            switch (value)
            {
                case List<KeyValuePair<string, object?>> entries:
                    var objectCopy = new List<KeyValuePair<string, object?>>(entries.Count);
                    pending.Push((entries, objectCopy));
                    return objectCopy;
                case List<object?> items:
                    var arrayCopy = new List<object?>(items.Count);
                    pending.Push((items, arrayCopy));
                    return arrayCopy;
                default:
                    return value;
            }
        }
    }
}
