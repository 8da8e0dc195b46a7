using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace FunnelFlux.HelpCompiler
{
    /// <summary>
    /// Usage: FunnelFlux.HelpCompiler --assembly &lt;FunnelFlux.dll&gt; --references &lt;file listing
    /// reference paths&gt; --manifest &lt;FunnelFlux.psd1&gt; --docs &lt;docs/en-US&gt; --out &lt;folder&gt;
    ///
    /// Writes &lt;assembly file name&gt;-Help.xml and one about_*.help.txt per about_*.md into the
    /// output folder. Exit code 1 with MSBuild-style errors when any exported cmdlet lacks help
    /// or any help file disagrees with its cmdlet.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            Dictionary<string, string> options;
            try
            {
                options = ParseOptions(args);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine("FunnelFlux.HelpCompiler: error FFHELP000: " + e.Message);
                return 2;
            }

            var diagnostics = new Diagnostics();
            string assembly = options["assembly"];
            string docs = options["docs"];
            string output = options["out"];
            string manifest = options["manifest"];

            var references = File.ReadAllLines(options["references"]).Where(l => l.Trim().Length > 0);
            var cmdlets = CmdletReflector.Read(assembly, references).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
            var exported = ManifestReader.ReadExportedCmdlets(manifest);

            var helps = new List<CommandHelp>();
            foreach (string name in exported)
            {
                string file = Path.Combine(docs, name + ".md");
                if (!cmdlets.TryGetValue(name, out CmdletFacts? cmdlet))
                {
                    diagnostics.Error(manifest, 0, "FFHELP002", $"The manifest exports {name}, but {Path.GetFileName(assembly)} has no [Cmdlet] class of that name.");
                }
                else if (!File.Exists(file))
                {
                    diagnostics.Error(file, 0, "FFHELP001",
                        $"{name} is exported by the manifest but has no help. Write {file} (see docs/README.md; copy a neighbouring cmdlet's file to start).");
                }
                else
                {
                    helps.Add(new CommandHelpParser(file, diagnostics).Parse(Markdown.Parse(file), cmdlet));
                }
            }

            foreach (string file in Directory.GetFiles(docs, "*.md"))
            {
                string name = Path.GetFileNameWithoutExtension(file);
                bool isAbout = name.StartsWith("about_", StringComparison.OrdinalIgnoreCase);
                if (!isAbout && !exported.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    diagnostics.Error(file, 0, "FFHELP007", $"{name} is not a cmdlet the manifest exports; rename or remove this file.");
                }
            }

            if (!diagnostics.HasErrors)
            {
                Directory.CreateDirectory(output);
                foreach (string stale in Directory.GetFiles(output))
                {
                    File.Delete(stale);
                }
                MamlWriter.Write(Path.Combine(output, Path.GetFileName(assembly) + "-Help.xml"), helps);
                foreach (string about in Directory.GetFiles(docs, "about_*.md"))
                {
                    AboutTopicWriter.Compile(about, Path.Combine(output, Path.GetFileNameWithoutExtension(about) + ".help.txt"), diagnostics);
                }
            }

            diagnostics.Print();
            return diagnostics.HasErrors ? 1 : 0;
        }

        private static Dictionary<string, string> ParseOptions(string[] args)
        {
            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i + 1 < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Expected an option, found '{args[i]}'.");
                }
                options[args[i].Substring(2)] = args[i + 1];
            }
            foreach (string required in new[] { "assembly", "references", "manifest", "docs", "out" })
            {
                if (!options.ContainsKey(required))
                {
                    throw new ArgumentException($"Missing --{required}.");
                }
            }
            return options;
        }
    }
}
