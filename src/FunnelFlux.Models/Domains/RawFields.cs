using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace FunnelFlux
{
    /// <summary>Builds what GetAdditionalProperties returns: the unknown fields, plus any known field that could not be read.</summary>
    internal static class RawFields
    {
        public static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> unknown, string field, string? unreadText)
        {
            if (unreadText is null)
            {
                return Own(unknown);
            }
            var merged = new Dictionary<string, string>(System.StringComparer.Ordinal);
            foreach (var pair in unknown)
            {
                merged[pair.Key] = pair.Value;
            }
            merged[field] = Quote(unreadText);
            return new ReadOnlyDictionary<string, string>(merged);
        }

        /// <summary>
        /// The object's own dictionary, or with none a new empty one: the models share one empty
        /// dictionary inside, and a member a user added to a shared one would show on every object's.
        /// </summary>
        public static IReadOnlyDictionary<string, string> Own(IReadOnlyDictionary<string, string> unknown) =>
            unknown.Count == 0 ? new ReadOnlyDictionary<string, string>(new Dictionary<string, string>()) : unknown;

        /// <summary>The text as a JSON string literal, so every value of the dictionary is JSON text.</summary>
        internal static string Quote(string text)
        {
            var json = new StringBuilder(text.Length + 2).Append('"');
            foreach (char c in text)
            {
                switch (c)
                {
                    case '"': json.Append("\\\""); break;
                    case '\\': json.Append("\\\\"); break;
                    case '\n': json.Append("\\n"); break;
                    case '\r': json.Append("\\r"); break;
                    case '\t': json.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            json.Append(c);
                        }
                        break;
                }
            }
            return json.Append('"').ToString();
        }
    }
}
