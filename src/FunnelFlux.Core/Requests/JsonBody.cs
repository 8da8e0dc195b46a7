using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FunnelFlux.Requests
{
    /// <summary>
    /// Writes plain values (see <see cref="PlainJson"/>) as compact JSON, to any depth (iteratively,
    /// so a deep body cannot exhaust the stack), and checks JSON text a user wrote.
    /// </summary>
    public static class JsonBody
    {
        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
        {
            // The body goes to an API, not into HTML: keep non-ASCII text readable in -Debug.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = int.MaxValue,
        };

        internal static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions
        {
            MaxDepth = int.MaxValue,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        };

        /// <summary>The JSON text of <paramref name="value"/>.</summary>
        /// <exception cref="RequestRefusedException">A number JSON cannot hold (NaN, infinity), or a cycle (InvalidJsonBody).</exception>
        public static string Write(object? value)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                var open = new Stack<Frame>();
                var ancestors = new HashSet<object>(ReferenceComparer.Instance);
                Begin(writer, value, open, ancestors);
                while (open.Count > 0)
                {
                    var frame = open.Peek();
                    if (!frame.Items.MoveNext())
                    {
                        open.Pop();
                        ancestors.Remove(frame.Container);
                        if (frame.IsObject) writer.WriteEndObject(); else writer.WriteEndArray();
                        continue;
                    }
                    if (frame.IsObject)
                    {
                        var pair = (KeyValuePair<string, object?>)frame.Items.Current!;
                        writer.WritePropertyName(pair.Key ?? string.Empty);
                        Begin(writer, pair.Value, open, ancestors);
                    }
                    else
                    {
                        Begin(writer, frame.Items.Current, open, ancestors);
                    }
                }
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>
        /// Checks that <paramref name="text"/> is one complete JSON value (strict: no comments, no
        /// trailing commas) and returns it unchanged.
        /// </summary>
        /// <exception cref="RequestRefusedException">Empty, or not valid JSON, with the line and position (InvalidJsonBody).</exception>
        public static string CheckText(string text) =>
            CheckText(text, "-Body is a string, so it is sent as JSON text", "Correct the text, or pass a hashtable or an object to have it converted to JSON.");

        /// <summary>As <see cref="CheckText(string)"/>, with the refusal saying where the text came from and how to fix it.</summary>
        /// <param name="origin">Opens a refusal's message, e.g. "-Body is a string, so it is sent as JSON text".</param>
        /// <param name="remedy">Ends a refusal's message: what to do instead.</param>
        public static string CheckText(string text, string origin, string remedy)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            if (text.Trim().Length == 0)
            {
                throw Invalid("-Body is an empty string. Omit -Body to send no body, or give JSON text such as '{}'.");
            }
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), ReaderOptions);
            try
            {
                while (reader.Read())
                {
                }
            }
            catch (JsonException e)
            {
                throw Invalid($"{origin}, but it is not valid JSON: {Describe(e)}. {remedy}", e);
            }
            return text;
        }

        /// <summary>The reader's reason without its zero-based position suffix, plus a one-based position.</summary>
        internal static string Describe(JsonException e)
        {
            string reason = e.Message;
            int cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut >= 0) reason = reason.Substring(0, cut);
            reason = reason.TrimEnd('.', ' ');
            if (e.LineNumber.HasValue && e.BytePositionInLine.HasValue)
            {
                reason += $" (line {e.LineNumber.Value + 1}, position {e.BytePositionInLine.Value + 1})";
            }
            return reason;
        }

        private static void Begin(Utf8JsonWriter writer, object? value, Stack<Frame> open, HashSet<object> ancestors)
        {
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    return;
                case string s:
                    writer.WriteStringValue(s);
                    return;
                case bool b:
                    writer.WriteBooleanValue(b);
                    return;
                case long l:
                    writer.WriteNumberValue(l);
                    return;
                case ulong u:
                    writer.WriteNumberValue(u);
                    return;
                case decimal m:
                    writer.WriteNumberValue(m);
                    return;
                case double d:
                    if (double.IsNaN(d) || double.IsInfinity(d))
                    {
                        throw Invalid($"-Body holds the number {d.ToString(CultureInfo.InvariantCulture)}, which JSON cannot represent.");
                    }
                    writer.WriteNumberValue(d);
                    return;
                case BigInteger big:
                    writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                    return;
                case List<KeyValuePair<string, object?>> entries:
                    Enter(entries, ancestors);
                    writer.WriteStartObject();
                    open.Push(new Frame(entries, entries.GetEnumerator(), isObject: true));
                    return;
                case List<object?> items:
                    Enter(items, ancestors);
                    writer.WriteStartArray();
                    open.Push(new Frame(items, items.GetEnumerator(), isObject: false));
                    return;
                default:
                    throw new ArgumentException($"A {value.GetType().FullName} is not a plain JSON value (see PlainJson).", nameof(value));
            }
        }

        private static void Enter(object container, HashSet<object> ancestors)
        {
            if (!ancestors.Add(container))
            {
                throw Invalid("-Body contains itself (a cycle), so it has no JSON form.");
            }
        }

        private static RequestRefusedException Invalid(string message, Exception? inner = null) =>
            new RequestRefusedException("InvalidJsonBody", message + " Nothing was sent.", "Body", inner);

        private sealed class Frame
        {
            public Frame(object container, IEnumerator items, bool isObject)
            {
                Container = container;
                Items = items;
                IsObject = isObject;
            }

            public object Container { get; }

            public IEnumerator Items { get; }

            public bool IsObject { get; }
        }
    }

    /// <summary>Reference identity for cycle checks, whatever Equals the type defines.</summary>
    internal sealed class ReferenceComparer : IEqualityComparer<object>
    {
        public static readonly ReferenceComparer Instance = new ReferenceComparer();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
