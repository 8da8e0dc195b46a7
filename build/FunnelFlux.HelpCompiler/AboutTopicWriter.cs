using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace FunnelFlux.HelpCompiler
{
    /// <summary>
    /// Compiles docs/&lt;culture&gt;/about_*.md into the plain-text about_*.help.txt that Get-Help
    /// shows: level-2 headings in capitals at the margin, level-3 headings indented, text wrapped
    /// at 80 columns and indented four spaces, code indented eight. "## SHORT DESCRIPTION" and
    /// "## LONG DESCRIPTION" are required because Get-Help lists topics by their short description.
    /// </summary>
    public static class AboutTopicWriter
    {
        private const int Width = 80;
        private const string TextIndent = "    ";
        private const string CodeIndent = "        ";

        public static void Compile(string source, string target, Diagnostics diagnostics)
        {
            string topic = Path.GetFileNameWithoutExtension(source);
            Section root = Markdown.Parse(source);
            Section? title = root.Children.FirstOrDefault();
            if (title is null || title.Level != 1 || root.Children.Count != 1 || title.Title != topic)
            {
                diagnostics.Error(source, title?.Line ?? 1, "FFHELP008", $"The file must hold exactly one level-1 heading, '# {topic}', above all its sections.");
                return;
            }
            foreach (string required in new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION" })
            {
                if (!title.Children.Any(s => s.Title.Equals(required, StringComparison.OrdinalIgnoreCase) && s.Blocks.Count > 0))
                {
                    diagnostics.Error(source, title.Line, "FFHELP008", $"Section '## {required}' is missing or empty.");
                }
            }

            var text = new StringBuilder();
            text.Append("TOPIC\n").Append(TextIndent).Append(topic).Append('\n');
            foreach (Section section in title.Children)
            {
                text.Append('\n').Append(section.Title.ToUpperInvariant()).Append('\n');
                WriteSection(text, section);
            }
            File.WriteAllText(target, text.ToString(), new UTF8Encoding(false));
        }

        private static void WriteSection(StringBuilder text, Section section)
        {
            Block? previous = null;
            foreach (Block block in section.Blocks)
            {
                // A blank line separates blocks, except between the items of one list and
                // right under a heading.
                if (previous is not null && !(previous is ListItem && block is ListItem))
                {
                    text.Append('\n');
                }
                WriteBlock(text, block);
                previous = block;
            }
            foreach (Section child in section.Children)
            {
                text.Append('\n').Append("  ").Append(Prose.Plain(child.Title)).Append('\n');
                WriteSection(text, child);
            }
        }

        private static void WriteBlock(StringBuilder text, Block block)
        {
            switch (block)
            {
                case CodeBlock code:
                    foreach (string line in code.Code.Split('\n'))
                    {
                        text.Append(line.Length == 0 ? string.Empty : CodeIndent + line).Append('\n');
                    }
                    break;
                case ListItem item:
                    Wrap(text, Prose.Plain(item.Text), TextIndent + "- ", TextIndent + "  ");
                    break;
                default:
                    Wrap(text, Prose.ToText(block), TextIndent, TextIndent);
                    break;
            }
        }

        /// <summary>Greedy word wrap; a word longer than the line (a URL, say) gets a line of its own.</summary>
        private static void Wrap(StringBuilder text, string paragraph, string firstIndent, string indent)
        {
            var line = new StringBuilder(firstIndent);
            bool empty = true;
            foreach (string word in paragraph.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!empty && line.Length + 1 + word.Length > Width)
                {
                    text.Append(line).Append('\n');
                    line.Clear().Append(indent);
                    empty = true;
                }
                line.Append(empty ? string.Empty : " ").Append(word);
                empty = false;
            }
            text.Append(line).Append('\n');
        }
    }
}
