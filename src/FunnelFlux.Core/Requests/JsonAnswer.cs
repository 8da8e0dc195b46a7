using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace FunnelFlux.Requests
{
    /// <summary>
    /// Reads JSON text into plain values (see <see cref="PlainJson"/>), to any depth, keeping
    /// numbers exact (<see cref="JsonNumbers"/>), keys in document order (duplicates included) and
    /// strings as strings: a string that looks like a date stays a string.
    /// </summary>
    public static class JsonAnswer
    {
        /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why and where.</summary>
        public static bool TryRead(string text, out object? value, out string? error)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            value = null;
            error = null;
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), JsonBody.ReaderOptions);
            var open = new Stack<object>();
            string? key = null;
            object? root = null;
            bool sawValue = false;
            try
            {
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartObject:
                            var entries = new List<KeyValuePair<string, object?>>();
                            Add(entries);
                            open.Push(entries);
                            break;
                        case JsonTokenType.StartArray:
                            var items = new List<object?>();
                            Add(items);
                            open.Push(items);
                            break;
                        case JsonTokenType.EndObject:
                        case JsonTokenType.EndArray:
                            open.Pop();
                            break;
                        case JsonTokenType.PropertyName:
                            key = reader.GetString();
                            break;
                        case JsonTokenType.String:
                            Add(reader.GetString());
                            break;
                        case JsonTokenType.Number:
                            Add(JsonNumbers.Parse(Encoding.UTF8.GetString(reader.ValueSpan.ToArray())));
                            break;
                        case JsonTokenType.True:
                            Add(true);
                            break;
                        case JsonTokenType.False:
                            Add(false);
                            break;
                        case JsonTokenType.Null:
                            Add(null);
                            break;
                    }
                }
            }
            catch (JsonException e)
            {
                error = JsonBody.Describe(e);
                value = null;
                return false;
            }
            catch (InvalidOperationException e)
            {
                // A string with an escape that is not valid UTF-16 (a lone surrogate).
                error = e.Message;
                value = null;
                return false;
            }
            if (!sawValue)
            {
                error = "there is no JSON value";
                return false;
            }
            value = root;
            return true;

            void Add(object? item)
            {
                if (open.Count == 0)
                {
                    root = item;
                    sawValue = true;
                }
                else if (open.Peek() is List<KeyValuePair<string, object?>> parent)
                {
                    parent.Add(new KeyValuePair<string, object?>(key ?? string.Empty, item));
                    key = null;
                }
                else
                {
                    ((List<object?>)open.Peek()).Add(item);
                }
            }
        }

        /// <summary>Parses <paramref name="text"/> or throws FormatException saying why and where.</summary>
        public static object? Read(string text)
        {
            if (!TryRead(text, out object? value, out string? error))
            {
                throw new FormatException($"The text is not valid JSON: {error}.");
            }
            return value;
        }
    }
}
