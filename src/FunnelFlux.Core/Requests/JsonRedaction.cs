using System.Collections.Generic;
using System.Text.RegularExpressions;

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

        private static readonly Regex QuotedSecretField = new Regex(
            "(\"[^\"\\\\]*(?:token|secret|password|authorization)[^\"\\\\]*\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}\\]\\s]+)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

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
            return QuotedSecretField.Replace(text, "$1\"" + Mask + "\"");
        }

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
