using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// Turns the core's plain JSON values into what PowerShell users expect, to any depth: objects
    /// as [pscustomobject]s (properties in document order) or, with <c>asHashtable</c>, as ordered,
    /// case-insensitive dictionaries (what [ordered]@{} makes); arrays as object[]; numbers exact
    /// (long, BigInteger, decimal, double) and strings as strings, dates included.
    /// </summary>
    internal static class PlainToPowerShell
    {
        /// <exception cref="FormatException">Two keys of one object differ only in case, or (for objects) a key is empty.</exception>
        public static object? Convert(object? plain, bool asHashtable)
        {
            var pending = new Stack<(object Source, object Target)>();
            object? root = Shell(plain, asHashtable, pending);
            while (pending.Count > 0)
            {
                var (source, target) = pending.Pop();
                if (source is List<KeyValuePair<string, object?>> entries)
                {
                    var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var pair in entries)
                    {
                        if (!seen.Add(pair.Key))
                        {
                            throw new FormatException($"The answer has the key '{pair.Key}' twice in one object (keys that differ only in case count as the same in PowerShell).");
                        }
                        object? value = Shell(pair.Value, asHashtable, pending);
                        if (target is OrderedDictionary dictionary)
                        {
                            dictionary.Add(pair.Key, value);
                        }
                        else
                        {
                            if (pair.Key.Length == 0)
                            {
                                throw new FormatException("The answer has an object with an empty key, which a PowerShell object cannot have as a property name; -OutputType Hashtable can hold it.");
                            }
                            ((PSObject)target).Properties.Add(new PSNoteProperty(pair.Key, value));
                        }
                    }
                }
                else
                {
                    var items = (List<object?>)source;
                    var array = (object?[])target;
                    for (int i = 0; i < items.Count; i++)
                    {
                        array[i] = Shell(items[i], asHashtable, pending);
                    }
                }
            }
            return root;
        }

        private static object? Shell(object? plain, bool asHashtable, Stack<(object, object)> pending)
        {
            switch (plain)
            {
                case List<KeyValuePair<string, object?>> entries:
                    object target = asHashtable ? new OrderedDictionary(StringComparer.OrdinalIgnoreCase) : (object)new PSObject();
                    pending.Push((entries, target));
                    return target;
                case List<object?> items:
                    var array = new object?[items.Count];
                    pending.Push((items, array));
                    return array;
                default:
                    return plain;
            }
        }
    }
}
