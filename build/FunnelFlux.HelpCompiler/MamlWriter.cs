using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace FunnelFlux.HelpCompiler
{
    /// <summary>
    /// Writes cmdlet help as MAML, the XML PowerShell's Get-Help reads for binary modules
    /// (&lt;Assembly&gt;.dll-Help.xml). Element names and attributes follow what Get-Help consumes;
    /// syntax is derived per parameter set from the reflected facts so it always matches binding.
    /// </summary>
    public static class MamlWriter
    {
        private const string Msh = "http://msh";
        private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
        private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        public static void Write(string path, IEnumerable<CommandHelp> commands)
        {
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
            using XmlWriter xml = XmlWriter.Create(path, settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("helpItems", Msh);
            xml.WriteAttributeString("schema", "maml");
            foreach (CommandHelp help in commands.OrderBy(c => c.Cmdlet.Name, System.StringComparer.Ordinal))
            {
                WriteCommand(xml, help);
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        private static void WriteCommand(XmlWriter xml, CommandHelp help)
        {
            CmdletFacts cmdlet = help.Cmdlet;
            xml.WriteStartElement("command", "command", Command);
            xml.WriteAttributeString("xmlns", "maml", null, Maml);
            xml.WriteAttributeString("xmlns", "dev", null, Dev);

            xml.WriteStartElement("command", "details", Command);
            xml.WriteElementString("command", "name", Command, cmdlet.Name);
            xml.WriteElementString("command", "verb", Command, cmdlet.Verb);
            xml.WriteElementString("command", "noun", Command, cmdlet.Noun);
            WriteParas(xml, "description", new[] { help.Synopsis });
            xml.WriteEndElement();

            WriteParas(xml, "description", help.Description);
            WriteSyntax(xml, help);

            xml.WriteStartElement("command", "parameters", Command);
            foreach (ParameterFacts parameter in AllParameters(help))
            {
                WriteParameter(xml, help, parameter, parameter.Sets[0]);
            }
            xml.WriteEndElement();

            WriteTypes(xml, "inputTypes", "inputType", help.Inputs);
            WriteTypes(xml, "returnValues", "returnValue", help.Outputs);

            xml.WriteStartElement("maml", "alertSet", Maml);
            xml.WriteStartElement("maml", "alert", Maml);
            foreach (string note in help.Notes)
            {
                xml.WriteElementString("maml", "para", Maml, note);
            }
            xml.WriteEndElement();
            xml.WriteEndElement();

            xml.WriteStartElement("command", "examples", Command);
            foreach (ExampleHelp example in help.Examples)
            {
                xml.WriteStartElement("command", "example", Command);
                xml.WriteElementString("maml", "title", Maml, $"--------- {example.Title} ---------");
                xml.WriteElementString("dev", "code", Dev, example.Code);
                xml.WriteStartElement("dev", "remarks", Dev);
                foreach (string remark in example.Remarks)
                {
                    xml.WriteElementString("maml", "para", Maml, remark);
                }
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            xml.WriteStartElement("command", "relatedLinks", Command);
            foreach (LinkHelp link in help.Links)
            {
                xml.WriteStartElement("maml", "navigationLink", Maml);
                xml.WriteElementString("maml", "linkText", Maml, link.Text);
                xml.WriteElementString("maml", "uri", Maml, link.Uri);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            xml.WriteEndElement();
        }

        /// <summary>One syntax line per parameter set, as Get-Command -Syntax would show it.</summary>
        private static void WriteSyntax(XmlWriter xml, CommandHelp help)
        {
            var named = help.Cmdlet.Parameters
                .SelectMany(p => p.Sets.Select(s => s.SetName))
                .Where(s => s != ParameterSetFacts.AllSets)
                .Distinct()
                .OrderBy(s => s == help.Cmdlet.DefaultParameterSet ? 0 : 1)
                .ThenBy(s => s, System.StringComparer.Ordinal)
                .ToList();
            if (named.Count == 0)
            {
                named.Add(ParameterSetFacts.AllSets);
            }

            xml.WriteStartElement("command", "syntax", Command);
            foreach (string set in named)
            {
                xml.WriteStartElement("command", "syntaxItem", Command);
                xml.WriteElementString("maml", "name", Maml, help.Cmdlet.Name);
                var members = help.Cmdlet.Parameters
                    .Select(p => (Parameter: p, Set: p.Sets.FirstOrDefault(s => s.SetName == set) ?? p.Sets.FirstOrDefault(s => s.SetName == ParameterSetFacts.AllSets)))
                    .Where(m => m.Set is not null)
                    .OrderBy(m => m.Set!.Position ?? int.MaxValue)
                    .ThenBy(m => m.Set!.Mandatory ? 0 : 1);
                foreach (var member in members)
                {
                    WriteParameter(xml, help, member.Parameter, member.Set!);
                }
                foreach (ParameterFacts shouldProcess in ShouldProcessFacts(help))
                {
                    WriteParameter(xml, help, shouldProcess, shouldProcess.Sets[0]);
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }

        private static void WriteParameter(XmlWriter xml, CommandHelp help, ParameterFacts parameter, ParameterSetFacts set)
        {
            help.Parameters.TryGetValue(parameter.Name, out ParameterHelp? text);
            xml.WriteStartElement("command", "parameter", Command);
            xml.WriteAttributeString("required", Bool(set.Mandatory));
            xml.WriteAttributeString("variableLength", Bool(parameter.TypeName.EndsWith("[]", System.StringComparison.Ordinal)));
            xml.WriteAttributeString("globbing", Bool(text?.Globbing ?? false));
            xml.WriteAttributeString("pipelineInput", PipelineInput(set));
            xml.WriteAttributeString("position", set.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named");
            xml.WriteAttributeString("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases));
            xml.WriteElementString("maml", "name", Maml, parameter.Name);
            WriteParas(xml, "description", text?.Description ?? new string[0]);
            if (parameter.ValidValues.Count > 0)
            {
                xml.WriteStartElement("command", "parameterValueGroup", Command);
                foreach (string value in parameter.ValidValues)
                {
                    xml.WriteStartElement("command", "parameterValue", Command);
                    xml.WriteAttributeString("required", "false");
                    xml.WriteAttributeString("variableLength", "false");
                    xml.WriteString(value);
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            if (!parameter.IsSwitch)
            {
                xml.WriteStartElement("command", "parameterValue", Command);
                xml.WriteAttributeString("required", "true");
                xml.WriteAttributeString("variableLength", "false");
                xml.WriteString(parameter.TypeName);
                xml.WriteEndElement();
            }
            xml.WriteStartElement("dev", "type", Dev);
            xml.WriteElementString("maml", "name", Maml, parameter.TypeName);
            xml.WriteElementString("maml", "uri", Maml, string.Empty);
            xml.WriteEndElement();
            xml.WriteElementString("dev", "defaultValue", Dev, text?.DefaultValue ?? (parameter.IsSwitch ? "False" : "None"));
            xml.WriteEndElement();
        }

        /// <summary>Documented parameters in binding order, then -WhatIf and -Confirm when the cmdlet has them.</summary>
        private static IEnumerable<ParameterFacts> AllParameters(CommandHelp help) =>
            help.Cmdlet.Parameters
                .OrderBy(p => p.Sets.Min(s => s.Position ?? int.MaxValue))
                .ThenBy(p => p.Name, System.StringComparer.Ordinal)
                .Concat(ShouldProcessFacts(help));

        private static IEnumerable<ParameterFacts> ShouldProcessFacts(CommandHelp help) =>
            help.Cmdlet.SupportsShouldProcess
                ? new[] { "WhatIf", "Confirm" }.Select(name => new ParameterFacts(name, "SwitchParameter", true,
                    name == "WhatIf" ? new[] { "wi" } : new[] { "cf" }, new string[0],
                    new[] { new ParameterSetFacts(ParameterSetFacts.AllSets, false, null, false, false, false) }))
                : Enumerable.Empty<ParameterFacts>();

        private static string PipelineInput(ParameterSetFacts set)
        {
            var ways = new List<string>();
            if (set.ByValue) ways.Add("ByValue");
            if (set.ByPropertyName) ways.Add("ByPropertyName");
            return ways.Count == 0 ? "False" : $"True ({string.Join(", ", ways)})";
        }

        private static void WriteTypes(XmlWriter xml, string listName, string itemName, IEnumerable<TypeHelp> types)
        {
            xml.WriteStartElement("command", listName, Command);
            foreach (TypeHelp type in types)
            {
                xml.WriteStartElement("command", itemName, Command);
                xml.WriteStartElement("dev", "type", Dev);
                xml.WriteElementString("maml", "name", Maml, type.TypeName);
                xml.WriteEndElement();
                WriteParas(xml, "description", type.Description);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }

        private static void WriteParas(XmlWriter xml, string element, IEnumerable<string> paragraphs)
        {
            xml.WriteStartElement("maml", element, Maml);
            foreach (string paragraph in paragraphs)
            {
                xml.WriteElementString("maml", "para", Maml, paragraph);
            }
            xml.WriteEndElement();
        }

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
