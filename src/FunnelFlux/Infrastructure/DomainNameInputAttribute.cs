using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// Refuses, with a message that says what is wrong, an object piped to -Domain that has no
    /// Domain, Name or HostName property (an Import-Csv row whose column is called Host, say).
    /// Without this, PowerShell would bind the row by value as its text, "@{Host=...}", and the
    /// user would read that the name contains '@'. Strings, and objects that do have one of the
    /// properties (which PowerShell binds by property name), pass through untouched.
    /// </summary>
    public sealed class DomainNameInputAttribute : ArgumentTransformationAttribute
    {
        internal static readonly string[] PropertyNames = { "Domain", "Name", "HostName" };

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if (inputData is IList list && !(inputData is string))
            {
                foreach (object item in list)
                {
                    Check(item);
                }
            }
            else
            {
                Check(inputData);
            }
            return inputData;
        }

        private static void Check(object? item)
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
                return;
            }
            if (PropertyNames.Any(n => wrapped.Properties[n] != null))
            {
                return;
            }
            string columns = Join(wrapped.Properties.Select(p => p.Name));
            throw new ArgumentTransformationMetadataException(
                $"The input object has no Domain, Name or HostName property, so it cannot say which domain it means. Its properties are: {(columns.Length == 0 ? "(none)" : columns)}. " +
                "Rename the column to Domain (in the CSV file, or with Select-Object @{ Name = 'Domain'; Expression = { $_.Host } }), or pipe the names themselves.");
        }

        private static string Join(System.Collections.Generic.IEnumerable<string> names) => string.Join(", ", names);
    }
}
