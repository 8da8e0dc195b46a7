using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace FunnelFlux.HelpCompiler
{
    /// <summary>
    /// Reads the exported cmdlet names from FunnelFlux.psd1. The manifest is data, not code we can
    /// evaluate without PowerShell, so this reads the one array it needs with a regular expression
    /// (the same approach Directory.Build.props takes for ModuleVersion).
    /// </summary>
    public static class ManifestReader
    {
        private static readonly Regex CmdletsBlock =
            new(@"\bCmdletsToExport\s*=\s*@\((?<body>[^)]*)\)", RegexOptions.CultureInvariant);

        private static readonly Regex QuotedName = new(@"'(?<name>[^']+)'", RegexOptions.CultureInvariant);

        public static IReadOnlyList<string> ReadExportedCmdlets(string manifestPath)
        {
            Match block = CmdletsBlock.Match(File.ReadAllText(manifestPath));
            if (!block.Success)
            {
                return new string[0];
            }
            // Drop comment lines so a commented-out export is not treated as one.
            string body = string.Join("\n", block.Groups["body"].Value.Split('\n')
                .Where(line => !line.TrimStart().StartsWith("#", System.StringComparison.Ordinal)));
            return QuotedName.Matches(body).Select(m => m.Groups["name"].Value).ToList();
        }
    }
}
