using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// Refuses, with a message that says what is wrong, an object piped to -Domain that has no
    /// Domain, Name or HostName property (an Import-Csv row whose column is called Host, say).
    /// Without this, PowerShell would bind the row by value as its text, "@{Host=...}", and the
    /// user would read that the name contains '@'. An object that has one of the properties,
    /// which PowerShell binds by property name when piped, binds as that property's value when
    /// given as an argument too (-Domain $rows, -Domain $rows[0]); strings pass through untouched.
    /// </summary>
    public sealed class DomainNameInputAttribute : ArgumentTransformationAttribute
    {
        internal static readonly string[] PropertyNames = { "Domain", "Name", "HostName" };

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? raw = inputData is PSObject w ? w.BaseObject : inputData;
            if (!(raw is IList list) || raw is string)
            {
                return Named(inputData);
            }
            object?[]? named = null;
            for (int i = 0; i < list.Count; i++)
            {
                object? item = list[i];
                object? name = Named(item);
                if (!ReferenceEquals(name, item))
                {
                    if (named == null)
                    {
                        named = new object?[list.Count];
                        list.CopyTo(named, 0);
                    }
                    named[i] = name;
                }
            }
            return named ?? inputData;
        }

        /// <summary>The item itself, or the value of its Domain, Name or HostName property when it is a [pscustomobject] with one.</summary>
        private static object? Named(object? item)
        {
            var wrapped = item as PSObject;
            object? value = wrapped?.BaseObject ?? item;
            if (value is IDictionary dictionary)
            {
                throw new ArgumentTransformationMetadataException(
                    $"A hashtable (keys: {Join(dictionary.Keys.Cast<object>().Select(k => k?.ToString() ?? ""))}) is not a domain name, and PowerShell does not bind its keys by name. " +
                    "Pipe [pscustomobject]@{ Domain = 'track.example.com' }, or the name itself.");
            }
            if (wrapped == null || !(value is PSCustomObject))
            {
                return item;
            }
            // The order PowerShell binds them in when piped: the parameter's name, then its aliases.
            foreach (string propertyName in PropertyNames)
            {
                if (wrapped.Properties[propertyName] is PSPropertyInfo property)
                {
                    return property.Value;
                }
            }
            string columns = Join(wrapped.Properties.Select(p => p.Name));
            throw new ArgumentTransformationMetadataException(
                $"The input object has no Domain, Name or HostName property, so it cannot say which domain it means. Its properties are: {(columns.Length == 0 ? "(none)" : columns)}. " +
                "Rename the column to Domain (in the CSV file, or with Select-Object @{ Name = 'Domain'; Expression = { $_.Host } }), or pipe the names themselves.");
        }

        private static string Join(System.Collections.Generic.IEnumerable<string> names) => string.Join(", ", names);
    }
}
