using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace FunnelFlux.HelpCompiler
{
    /// <summary>
    /// The small Markdown subset the help sources use: ATX headings, paragraphs, "- " list items,
    /// fenced code blocks and HTML comments (ignored, so templates can carry guidance). Headings
    /// nest into <see cref="Section"/>s; every block keeps its line number for error messages.
    /// Anything richer is deliberately not supported: help text ends up as plain console text.
    /// </summary>
    public static class Markdown
    {
        private static readonly Regex Heading = new(@"^(?<hashes>#{1,6})\s+(?<text>.*?)\s*#*\s*$");
        private static readonly Regex ListMarker = new(@"^\s{0,3}(?:[-*+]|\d+\.)\s+(?<text>.*)$");
        private static readonly Regex Fence = new(@"^\s{0,3}(?<fence>```+)\s*(?<info>[^`\s]*)");

        public static Section Parse(string path)
        {
            string[] lines = File.ReadAllLines(path);
            var root = new Section(0, string.Empty, 0);
            var open = new Stack<Section>();
            open.Push(root);
            var paragraph = new StringBuilder();
            int paragraphLine = 0;
            ListItem? item = null;

            void Flush()
            {
                if (paragraph.Length > 0)
                {
                    open.Peek().Blocks.Add(new Paragraph(paragraphLine, paragraph.ToString()));
                    paragraph.Clear();
                }
                item = null;
            }

            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                int lineNumber = i + 1;

                if (line.TrimStart().StartsWith("<!--", StringComparison.Ordinal))
                {
                    Flush();
                    while (i < lines.Length && !lines[i].Contains("-->"))
                    {
                        i++;
                    }
                    continue;
                }

                Match fence = Fence.Match(line);
                if (fence.Success)
                {
                    Flush();
                    string marker = fence.Groups["fence"].Value;
                    var code = new List<string>();
                    for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith(marker, StringComparison.Ordinal); i++)
                    {
                        code.Add(lines[i]);
                    }
                    open.Peek().Blocks.Add(new CodeBlock(lineNumber, fence.Groups["info"].Value, string.Join("\n", code)));
                    continue;
                }

                Match heading = Heading.Match(line);
                if (heading.Success)
                {
                    Flush();
                    int level = heading.Groups["hashes"].Value.Length;
                    while (open.Peek().Level >= level)
                    {
                        open.Pop();
                    }
                    var section = new Section(level, heading.Groups["text"].Value, lineNumber);
                    open.Peek().Children.Add(section);
                    open.Push(section);
                    continue;
                }

                if (line.Trim().Length == 0)
                {
                    Flush();
                    continue;
                }

                Match listMarker = ListMarker.Match(line);
                if (listMarker.Success)
                {
                    Flush();
                    item = new ListItem(lineNumber, listMarker.Groups["text"].Value.Trim());
                    open.Peek().Blocks.Add(item);
                    continue;
                }

                if (item is not null && char.IsWhiteSpace(line[0]))
                {
                    item.Append(line.Trim());
                    continue;
                }

                if (paragraph.Length == 0)
                {
                    paragraphLine = lineNumber;
                }
                else
                {
                    paragraph.Append(' ');
                }
                paragraph.Append(line.Trim());
            }
            Flush();
            return root;
        }
    }

    public sealed class Section
    {
        public Section(int level, string title, int line)
        {
            Level = level;
            Title = title;
            Line = line;
        }

        public int Level { get; }
        public string Title { get; }
        public int Line { get; }
        public List<Block> Blocks { get; } = new();
        public List<Section> Children { get; } = new();
    }

    public abstract class Block
    {
        protected Block(int line) => Line = line;

        public int Line { get; }
    }

    /// <summary>Consecutive text lines, joined with single spaces (source line breaks are not kept).</summary>
    public sealed class Paragraph : Block
    {
        public Paragraph(int line, string text) : base(line) => Text = text;

        public string Text { get; }
    }

    public sealed class ListItem : Block
    {
        public ListItem(int line, string text) : base(line) => Text = text;

        public string Text { get; private set; }

        internal void Append(string continuation) => Text += " " + continuation;
    }

    public sealed class CodeBlock : Block
    {
        public CodeBlock(int line, string info, string code) : base(line)
        {
            Info = info;
            Code = code;
        }

        /// <summary>The fence's language tag ("powershell", "output", "yaml"), or empty.</summary>
        public string Info { get; }
        public string Code { get; }
    }
}
