using System.Collections;
using System.Globalization;
using System.Management.Automation;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// A piped item read as Test-FFAssetId's -Id would have taken it, had it been bound there:
    /// text, or a collection of text, as it is; otherwise the item's Id property when that holds
    /// text; otherwise the item converted to text, as the binder converts a value it must coerce.
    /// A list whose elements include objects with such an Id property (Import-Csv rows given to
    /// -InputObject or -Id by name) is read element by element the same way.
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
            if (FromIdProperty(item!) is string?[] fromId)
            {
                return fromId;
            }
            if (raw is IList list && HoldsIdObjects(list))
            {
                return FromElements(list, out problem);
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
        /// What -Id should bind for <paramref name="argument"/>: the same value, unless it is an
        /// object with an Id property that holds text, or a list holding some, which become those
        /// IDs (everything else in the list as it was, for the binder to convert as usual).
        /// </summary>
        public static object? ForIdParameter(object? argument)
        {
            object? raw = argument is PSObject wrapped ? wrapped.BaseObject : argument;
            if (raw == null || raw is string || raw is string[])
            {
                return argument;
            }
            if (raw is IList list)
            {
                if (!HoldsIdObjects(list))
                {
                    return argument;
                }
                var bound = new System.Collections.Generic.List<object?>(list.Count);
                foreach (object? element in list)
                {
                    if (!IsTextOrNull(element) && FromIdProperty(element!) is string?[] ids)
                    {
                        bound.AddRange(ids);
                    }
                    else
                    {
                        bound.Add(element);
                    }
                }
                return bound.ToArray();
            }
            return FromIdProperty(argument!) is string?[] fromId ? fromId : argument;
        }

        /// <summary>The texts of <paramref name="item"/>'s Id property; null when it has none, or one that holds no text.</summary>
        private static string?[]? FromIdProperty(object item)
        {
            var id = PSObject.AsPSObject(item).Properties["Id"];
            if (id == null || !TryRead(id, out object? value))
            {
                return null;
            }
            return value == null ? OneNull : AsText(value);
        }

        /// <summary>Whether any element is an object (not text) whose Id property holds text.</summary>
        private static bool HoldsIdObjects(IList list)
        {
            foreach (object? element in list)
            {
                if (!IsTextOrNull(element) && FromIdProperty(element!) != null)
                {
                    return true;
                }
            }
            return false;
        }

        private static bool IsTextOrNull(object? element)
        {
            object? plain = element is PSObject w ? w.BaseObject : element;
            return plain == null || plain is string;
        }

        /// <summary>Each element read as a piped item of its own would be, not the list as one text.</summary>
        private static string?[]? FromElements(IList list, out PSInvalidCastException? problem)
        {
            problem = null;
            var ids = new System.Collections.Generic.List<string?>(list.Count);
            foreach (object? element in list)
            {
                object? plain = element is PSObject w ? w.BaseObject : element;
                if (plain == null || plain is string)
                {
                    ids.Add((string?)plain);
                    continue;
                }
                if (FromIdProperty(element!) is string?[] fromId)
                {
                    ids.AddRange(fromId);
                    continue;
                }
                try
                {
                    ids.Add((string?)LanguagePrimitives.ConvertTo(element, typeof(string), CultureInfo.InvariantCulture));
                }
                catch (PSInvalidCastException e)
                {
                    problem = e;
                    return null;
                }
            }
            return ids.ToArray();
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
