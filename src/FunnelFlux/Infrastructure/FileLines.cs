using System.Collections;
using System.Management.Automation;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// Recognises the lines Get-Content writes: -Body (Get-Content body.json) passes a file of
    /// JSON as an array of its lines, each a string carrying Get-Content's PSPath note. A
    /// one-line file comes as a single string and is read as JSON text, so a longer file is too,
    /// rather than becoming a JSON array of text fragments.
    /// </summary>
    internal static class FileLines
    {
        /// <summary>True when <paramref name="value"/> is two or more such lines; they are joined with "\n".</summary>
        public static bool TryJoin(object? value, out string text, out string file)
        {
            text = string.Empty;
            file = string.Empty;
            object? raw = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (!(raw is IList lines) || lines.Count < 2)
            {
                return false;
            }
            var joined = new System.Text.StringBuilder();
            for (int i = 0; i < lines.Count; i++)
            {
                if (!(lines[i] is PSObject item) || !(item.BaseObject is string content) || !(Source(item) is string path))
                {
                    return false;
                }
                if (i == 0)
                {
                    file = path;
                }
                else
                {
                    // By position, not by what is joined so far: an empty first line is a line too.
                    joined.Append('\n');
                }
                joined.Append(content);
            }
            text = joined.ToString();
            return true;
        }

        /// <summary>The file a string read by Get-Content came from, or null for any other value.</summary>
        public static string? Source(object? value) =>
            value is PSObject item && item.BaseObject is string && item.Properties["PSPath"]?.Value is string path && item.Properties["ReadCount"] != null
                ? path
                : null;
    }
}
