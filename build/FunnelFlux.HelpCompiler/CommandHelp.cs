using System.Collections.Generic;

namespace FunnelFlux.HelpCompiler
{
    /// <summary>One cmdlet's help as written in docs/&lt;culture&gt;/&lt;Name&gt;.md, already in plain text.</summary>
    public sealed class CommandHelp
    {
        public CommandHelp(CmdletFacts cmdlet) => Cmdlet = cmdlet;

        public CmdletFacts Cmdlet { get; }
        public string Synopsis { get; set; } = string.Empty;
        public IReadOnlyList<string> Description { get; set; } = new string[0];

        /// <summary>Keyed by parameter name as the cmdlet spells it.</summary>
        public Dictionary<string, ParameterHelp> Parameters { get; } = new();
        public List<TypeHelp> Inputs { get; } = new();
        public List<TypeHelp> Outputs { get; } = new();
        public IReadOnlyList<string> Notes { get; set; } = new string[0];
        public List<ExampleHelp> Examples { get; } = new();
        public List<LinkHelp> Links { get; } = new();
    }

    public sealed class ParameterHelp
    {
        public ParameterHelp(IReadOnlyList<string> description, string? defaultValue, bool globbing)
        {
            Description = description;
            DefaultValue = defaultValue;
            Globbing = globbing;
        }

        public IReadOnlyList<string> Description { get; }
        public string? DefaultValue { get; }
        public bool Globbing { get; }
    }

    public sealed class TypeHelp
    {
        public TypeHelp(string typeName, IReadOnlyList<string> description)
        {
            TypeName = typeName;
            Description = description;
        }

        public string TypeName { get; }
        public IReadOnlyList<string> Description { get; }
    }

    public sealed class ExampleHelp
    {
        public ExampleHelp(string title, string code, IReadOnlyList<string> remarks)
        {
            Title = title;
            Code = code;
            Remarks = remarks;
        }

        public string Title { get; }
        public string Code { get; }
        public IReadOnlyList<string> Remarks { get; }
    }

    public sealed class LinkHelp
    {
        public LinkHelp(string text, string uri)
        {
            Text = text;
            Uri = uri;
        }

        public string Text { get; }
        public string Uri { get; }
    }
}
