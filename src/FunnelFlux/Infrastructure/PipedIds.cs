using System.Collections;
using System.Globalization;
using System.Management.Automation;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// A piped item read as Test-FFAssetId's -Id would have taken it, had it been bound there:
    /// text, or a collection of text, as it is; otherwise the item's Id property when that holds
    /// text; otherwise the item converted to text, as the binder converts a value it must coerce.
    /// </summary>
    internal static class PipedIds
    {
        private static readonly string?[] OneNull = { null };

        /// <returns>The IDs to test; null when the item has no text form (<paramref name="problem"/> says why).</returns>
        public static string?[]? From(object? item, out PSInvalidCastException? problem)
        {
            problem = null;
            object? raw = item is PSObject wrapped ? wrapped.BaseObject : item;
            if (raw == null)
            {
                return OneNull;
            }
            if (AsText(raw) is string?[] texts)
            {
                return texts;
            }
            var id = PSObject.AsPSObject(item!).Properties["Id"];
            if (id != null && TryRead(id, out object? value))
            {
                if (value == null)
                {
                    return OneNull;
                }
                if (AsText(value) is string?[] fromId)
                {
                    return fromId;
                }
            }
            try
            {
                return (string?[])LanguagePrimitives.ConvertTo(item, typeof(string[]), CultureInfo.InvariantCulture);
            }
            catch (PSInvalidCastException e)
            {
                problem = e;
                return null;
            }
        }

        /// <summary>
        /// A dictionary or [pscustomobject] (one without an Id property), or a collection holding
        /// one: what -Property checks, not an ID.
        /// </summary>
        public static bool LooksLikeBody(object? item)
        {
            object? raw = item is PSObject wrapped ? wrapped.BaseObject : item;
            if (IsBody(item, raw))
            {
                return true;
            }
            if (raw is IEnumerable items && !(raw is string) && !(raw is IDictionary))
            {
                foreach (object? element in items)
                {
                    if (IsBody(element, element is PSObject w ? w.BaseObject : element))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        private static bool IsBody(object? item, object? raw) =>
            raw is IDictionary || (raw is PSCustomObject && item is PSObject custom && custom.Properties["Id"] == null);

        /// <summary>Text, or a collection of nothing but text (and nulls), as IDs; null for anything else.</summary>
        private static string?[]? AsText(object value)
        {
            value = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (value is string text)
            {
                return new string?[] { text };
            }
            if (!(value is IEnumerable items) || value is IDictionary)
            {
                return null;
            }
            var list = new System.Collections.Generic.List<string?>();
            foreach (object? element in items)
            {
                object? plain = element is PSObject w ? w.BaseObject : element;
                if (plain != null && !(plain is string))
                {
                    return null;
                }
                list.Add((string?)plain);
            }
            return list.ToArray();
        }

        /// <summary>The property's value; false when it cannot be read (a getter that throws binds nothing).</summary>
        private static bool TryRead(PSPropertyInfo property, out object? value)
        {
            try
            {
                value = property.Value;
                return true;
            }
            catch (GetValueException)
            {
                value = null;
                return false;
            }
        }
    }
}
