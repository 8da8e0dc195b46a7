using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace FunnelFlux.HelpCompiler
{
    /// <summary>
    /// Reads one cmdlet's Markdown help (the format described in docs/README.md) and checks it
    /// against the cmdlet's reflected facts. Every problem is reported with its file and line,
    /// and the whole document is checked before giving up, so one build shows every mistake.
    /// </summary>
    public sealed class CommandHelpParser
    {
        public const int MinimumExamples = 2;

        private static readonly string[] RequiredSections = { "SYNOPSIS", "DESCRIPTION", "INPUTS", "OUTPUTS", "EXAMPLES" };
        private static readonly string[] KnownSections = RequiredSections.Concat(new[] { "PARAMETERS", "NOTES", "RELATED LINKS" }).ToArray();
        private static readonly Regex ExampleTitle = new(@"^Example \d+: \S");
        private static readonly string[] CodeTags = { "", "powershell", "pwsh", "ps" };
        private static readonly string[] OutputTags = { "output", "text" };

        /// <summary>What PowerShell itself adds for SupportsShouldProcess; written once here, not in every file.</summary>
        private static readonly Dictionary<string, string> ShouldProcessParameters = new()
        {
            ["WhatIf"] = "Shows what would happen if the cmdlet runs. The cmdlet is not run, and no request that changes anything is sent.",
            ["Confirm"] = "Prompts you for confirmation before running the cmdlet.",
        };

        private readonly string _file;
        private readonly Diagnostics _diagnostics;

        public CommandHelpParser(string file, Diagnostics diagnostics)
        {
            _file = file;
            _diagnostics = diagnostics;
        }

        public CommandHelp Parse(Section root, CmdletFacts cmdlet)
        {
            var help = new CommandHelp(cmdlet);
            Section? title = root.Children.FirstOrDefault();
            if (title is null || title.Level != 1 || root.Children.Count != 1 || title.Title != cmdlet.Name)
            {
                Error(title?.Line ?? 1, "FFHELP003", $"The file must hold exactly one level-1 heading, '# {cmdlet.Name}', above all its sections.");
                return help;
            }

            var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
            foreach (Section section in title.Children)
            {
                string name = section.Title.ToUpperInvariant();
                if (!KnownSections.Contains(name))
                {
                    Error(section.Line, "FFHELP003", $"Unknown section '## {section.Title}'. Sections are: {string.Join(", ", KnownSections)}.");
                }
                else if (sections.ContainsKey(name))
                {
                    Error(section.Line, "FFHELP003", $"Section '## {name}' appears twice.");
                }
                else
                {
                    sections[name] = section;
                }
            }
            foreach (string required in RequiredSections.Where(r => !sections.ContainsKey(r)))
            {
                Error(title.Line, "FFHELP003", $"Section '## {required}' is missing.");
            }

            if (sections.TryGetValue("SYNOPSIS", out Section? synopsis))
            {
                help.Synopsis = string.Join(" ", Prose.Paragraphs(synopsis.Blocks));
                RequireText(synopsis, help.Synopsis, "a one-sentence synopsis");
            }
            if (sections.TryGetValue("DESCRIPTION", out Section? description))
            {
                help.Description = Prose.Paragraphs(description.Blocks);
                RequireText(description, string.Concat(help.Description), "a description");
            }
            ReadParameters(sections.TryGetValue("PARAMETERS", out Section? parameters) ? parameters : null, title.Line, help);
            if (sections.TryGetValue("INPUTS", out Section? inputs))
            {
                help.Inputs.AddRange(ReadTypes(inputs));
            }
            if (sections.TryGetValue("OUTPUTS", out Section? outputs))
            {
                help.Outputs.AddRange(ReadTypes(outputs));
                foreach (string type in cmdlet.OutputTypes.Where(t => !help.Outputs.Any(o => string.Equals(o.TypeName, t, StringComparison.OrdinalIgnoreCase))))
                {
                    Error(outputs.Line, "FFHELP006", $"{cmdlet.Name} declares [OutputType({type})], but OUTPUTS has no '### {type}'.");
                }
            }
            if (sections.TryGetValue("NOTES", out Section? notes))
            {
                help.Notes = Prose.Paragraphs(notes.Blocks.Concat(notes.Children.SelectMany(Flatten)));
            }
            if (sections.TryGetValue("EXAMPLES", out Section? examples))
            {
                ReadExamples(examples, help);
            }
            if (sections.TryGetValue("RELATED LINKS", out Section? links))
            {
                help.Links.AddRange(links.Blocks.OfType<ListItem>().Select(ReadLink));
            }
            return help;
        }

        private void ReadParameters(Section? section, int titleLine, CommandHelp help)
        {
            var documented = new Dictionary<string, Section>(StringComparer.OrdinalIgnoreCase);
            foreach (Section sub in section?.Children ?? new List<Section>())
            {
                string name = sub.Title.TrimStart('-');
                if (!sub.Title.StartsWith("-", StringComparison.Ordinal) || name.Length == 0)
                {
                    Error(sub.Line, "FFHELP004", $"A parameter heading is '### -Name'; found '### {sub.Title}'.");
                }
                else if (!documented.ContainsKey(name))
                {
                    documented[name] = sub;
                }
            }

            var expected = help.Cmdlet.Parameters.Select(p => p.Name).ToList();
            if (help.Cmdlet.SupportsShouldProcess)
            {
                expected.AddRange(ShouldProcessParameters.Keys);
            }
            foreach (string name in expected)
            {
                if (documented.TryGetValue(name, out Section? sub))
                {
                    help.Parameters[name] = ReadParameter(sub, name);
                }
                else if (ShouldProcessParameters.TryGetValue(name, out string? standard))
                {
                    help.Parameters[name] = new ParameterHelp(new[] { standard }, null, false);
                }
                else
                {
                    Error(section?.Line ?? titleLine, "FFHELP004", $"Parameter -{name} of {help.Cmdlet.Name} is not documented: add '### -{name}' under '## PARAMETERS'.");
                }
            }
            foreach (var extra in documented.Where(d => !expected.Contains(d.Key, StringComparer.OrdinalIgnoreCase)))
            {
                Error(extra.Value.Line, "FFHELP004", $"{help.Cmdlet.Name} has no parameter -{extra.Key}; remove this section or fix its name.");
            }
        }

        private ParameterHelp ReadParameter(Section section, string name)
        {
            string? defaultValue = null;
            bool globbing = false;
            foreach (CodeBlock meta in section.Blocks.OfType<CodeBlock>().Where(c => c.Info == "yaml"))
            {
                string[] lines = meta.Code.Split('\n');
                for (int i = 0; i < lines.Length; i++)
                {
                    string[] pair = lines[i].Split(new[] { ':' }, 2);
                    string key = pair[0].Trim();
                    string value = pair.Length > 1 ? pair[1].Trim() : string.Empty;
                    if (key.Length == 0)
                    {
                        continue;
                    }
                    if (key.Equals("Default value", StringComparison.OrdinalIgnoreCase))
                    {
                        defaultValue = value;
                    }
                    else if (key.Equals("Accept wildcard characters", StringComparison.OrdinalIgnoreCase))
                    {
                        globbing = value.Equals("true", StringComparison.OrdinalIgnoreCase);
                    }
                    else
                    {
                        Error(meta.Line + 1 + i, "FFHELP009",
                            $"'{key}' is read from the cmdlet's attributes, so it cannot drift; only 'Default value' and 'Accept wildcard characters' belong here.");
                    }
                }
            }
            var description = Prose.Paragraphs(section.Blocks.Where(b => !(b is CodeBlock c && c.Info == "yaml")));
            RequireText(section, string.Concat(description), $"a description of -{name}");
            return new ParameterHelp(description, defaultValue, globbing);
        }

        private IEnumerable<TypeHelp> ReadTypes(Section section)
        {
            if (section.Children.Count == 0)
            {
                Error(section.Line, "FFHELP003", $"'## {section.Title}' lists types as '### TypeName' headings (use '### None' when there are none).");
            }
            return section.Children.Select(type => new TypeHelp(type.Title, Prose.Paragraphs(type.Blocks)));
        }

        private void ReadExamples(Section section, CommandHelp help)
        {
            foreach (Section example in section.Children)
            {
                if (!ExampleTitle.IsMatch(example.Title))
                {
                    Error(example.Line, "FFHELP005", $"An example heading is '### Example N: What it shows'; found '### {example.Title}'.");
                }
                var code = example.Blocks.OfType<CodeBlock>().FirstOrDefault(c => CodeTags.Contains(c.Info.ToLowerInvariant()));
                if (code is null || code.Code.Trim().Length == 0)
                {
                    Error(example.Line, "FFHELP005", "The example has no ```powershell code block.");
                }
                var remarks = example.Blocks
                    .Where(b => b != code && !(b is CodeBlock c && !OutputTags.Contains(c.Info.ToLowerInvariant())))
                    .ToList();
                if (!remarks.Any(b => b is Paragraph || b is ListItem))
                {
                    Error(example.Line, "FFHELP005", "The example needs at least one sentence after the code that says what it does.");
                }
                help.Examples.Add(new ExampleHelp(example.Title, code?.Code ?? string.Empty, Prose.Paragraphs(remarks)));
            }
            if (help.Examples.Count < MinimumExamples)
            {
                Error(section.Line, "FFHELP005", $"{help.Cmdlet.Name} has {help.Examples.Count} example(s); write at least {MinimumExamples}.");
            }
        }

        private static LinkHelp ReadLink(ListItem item)
        {
            Match link = Regex.Match(item.Text, @"^\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)");
            return link.Success
                ? new LinkHelp(link.Groups["text"].Value, link.Groups["uri"].Value)
                : new LinkHelp(Prose.Plain(item.Text), string.Empty);
        }

        private static IEnumerable<Block> Flatten(Section section) =>
            new Block[] { new Paragraph(section.Line, section.Title) }.Concat(section.Blocks).Concat(section.Children.SelectMany(Flatten));

        private void RequireText(Section section, string text, string what)
        {
            if (text.Trim().Length == 0)
            {
                Error(section.Line, "FFHELP003", $"'{section.Title}' needs {what}.");
            }
        }

        private void Error(int line, string code, string message) => _diagnostics.Error(_file, line, code, message);
    }
}
