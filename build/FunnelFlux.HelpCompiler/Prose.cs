using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace FunnelFlux.HelpCompiler
{
    /// <summary>
    /// Turns Markdown blocks into the plain text a console shows: inline marks (`code`, **bold**,
    /// *emphasis*, [links](uri)) are removed outside code spans, lists keep a "- " bullet, and code
    /// blocks keep their lines. Help is read in a terminal, where the marks would only be noise.
    /// </summary>
    public static class Prose
    {
        private static readonly Regex Link = new(@"\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)");
        private static readonly Regex Strong = new(@"\*\*(?<text>[^*]+)\*\*|__(?<text>[^_]+)__");
        private static readonly Regex Emphasis = new(@"(?<![\w*])\*(?<text>[^*\s][^*]*)\*(?![\w*])");

        public static string Plain(string markdown)
        {
            var result = new StringBuilder();
            string[] parts = markdown.Split('`');
            for (int i = 0; i < parts.Length; i++)
            {
                // Odd parts sit between backticks: code spans, kept verbatim.
                result.Append(i % 2 == 1 ? parts[i] : StripMarks(parts[i]));
            }
            return result.ToString();
        }

        /// <summary>Each block as one paragraph of plain text.</summary>
        public static IReadOnlyList<string> Paragraphs(IEnumerable<Block> blocks) =>
            blocks.Select(ToText).ToList();

        public static string ToText(Block block) => block switch
        {
            Paragraph p => Plain(p.Text),
            ListItem item => "- " + Plain(item.Text),
            CodeBlock code => code.Code,
            _ => string.Empty,
        };

        private static string StripMarks(string text)
        {
            text = Link.Replace(text, m =>
            {
                string label = m.Groups["text"].Value;
                string uri = m.Groups["uri"].Value;
                return uri.Length == 0 || uri == label ? label : $"{label} ({uri})";
            });
            text = Strong.Replace(text, "${text}");
            text = Emphasis.Replace(text, "${text}");
            return text.Replace(@"\*", "*").Replace(@"\_", "_");
        }
    }
}
