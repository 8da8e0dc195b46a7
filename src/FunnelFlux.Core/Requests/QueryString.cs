using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace FunnelFlux.Requests
{
    /// <summary>
    /// Builds a query string from plain values: each key and value escaped as RFC 3986 data (so
    /// '&amp;', '=', '+', '#', spaces and non-ASCII text arrive intact), a list as the same key
    /// repeated once per item, in the order given.
    /// </summary>
    public static class QueryString
    {
        /// <summary>
        /// "a=1&amp;b=x&amp;b=y" for the pairs given (empty when there are none). A value is a
        /// string, a bool (true/false), a number (invariant culture), null (an empty value), or a
        /// list of those (one pair per item).
        /// </summary>
        /// <exception cref="RequestRefusedException">An empty key, or a value of another kind (InvalidQuery).</exception>
        public static string Build(IEnumerable<KeyValuePair<string, object?>> parameters)
        {
            if (parameters is null) throw new ArgumentNullException(nameof(parameters));
            var text = new StringBuilder();
            foreach (var pair in parameters)
            {
                if (string.IsNullOrEmpty(pair.Key))
                {
                    throw Invalid("-Query has an empty key. Every query parameter needs a name.");
                }
                if (pair.Value is IList<object?> items)
                {
                    foreach (object? item in items)
                    {
                        if (item is IList<object?> || item is IList<KeyValuePair<string, object?>>)
                        {
                            throw Invalid($"-Query value '{pair.Key}' holds a nested list or an object. A query parameter takes single values or one list of them (sent as the key repeated).");
                        }
                        Append(text, pair.Key, item);
                    }
                }
                else
                {
                    Append(text, pair.Key, pair.Value);
                }
            }
            return text.ToString();
        }

        private static void Append(StringBuilder text, string key, object? value)
        {
            if (text.Length > 0) text.Append('&');
            text.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(Format(key, value)));
        }

        private static string Format(string key, object? value)
        {
            switch (value)
            {
                case null:
                    return string.Empty;
                case string s:
                    return s;
                case bool b:
                    return b ? "true" : "false";
                case double d when double.IsNaN(d) || double.IsInfinity(d):
                    throw Invalid($"-Query value '{key}' is {d.ToString(CultureInfo.InvariantCulture)}, which is not a number an API can read.");
                case double d:
                    return d.ToString("R", CultureInfo.InvariantCulture);
                case float f:
                    return f.ToString("R", CultureInfo.InvariantCulture);
                case decimal m:
                    return m.ToString(CultureInfo.InvariantCulture);
                case int _:
                case uint _:
                case short _:
                case ushort _:
                case byte _:
                case sbyte _:
                case long _:
                case ulong _:
                case BigInteger _:
                    return ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture);
                case IList<KeyValuePair<string, object?>> _:
                    throw Invalid($"-Query value '{key}' is an object. A query parameter takes a string, a number, a boolean, or a list of those.");
                default:
                    throw Invalid($"-Query value '{key}' is a {value.GetType().Name}. A query parameter takes a string, a number, a boolean, or a list of those.");
            }
        }

        private static RequestRefusedException Invalid(string message) =>
            new RequestRefusedException("InvalidQuery", message + " Nothing was sent.", "Query");
    }
}
