using System.Collections.Generic;

namespace FunnelFlux.HelpCompiler
{
    /// <summary>What the cmdlet assembly says about one cmdlet: the facts help must not restate by hand.</summary>
    public sealed class CmdletFacts
    {
        public CmdletFacts(string verb, string noun, bool supportsShouldProcess, string? defaultParameterSet,
            IReadOnlyList<ParameterFacts> parameters, IReadOnlyList<string> outputTypes)
        {
            Verb = verb;
            Noun = noun;
            SupportsShouldProcess = supportsShouldProcess;
            DefaultParameterSet = defaultParameterSet;
            Parameters = parameters;
            OutputTypes = outputTypes;
        }

        public string Verb { get; }
        public string Noun { get; }
        public string Name => Verb + "-" + Noun;
        public bool SupportsShouldProcess { get; }
        public string? DefaultParameterSet { get; }
        public IReadOnlyList<ParameterFacts> Parameters { get; }

        /// <summary>Full names of the types in the cmdlet's [OutputType] attributes.</summary>
        public IReadOnlyList<string> OutputTypes { get; }
    }

    public sealed class ParameterFacts
    {
        public ParameterFacts(string name, string typeName, bool isSwitch, IReadOnlyList<string> aliases,
            IReadOnlyList<string> validValues, IReadOnlyList<ParameterSetFacts> sets)
        {
            Name = name;
            TypeName = typeName;
            IsSwitch = isSwitch;
            Aliases = aliases;
            ValidValues = validValues;
            Sets = sets;
        }

        public string Name { get; }

        /// <summary>The short type name PowerShell's own help shows, e.g. "String[]" or "Int32".</summary>
        public string TypeName { get; }
        public bool IsSwitch { get; }
        public IReadOnlyList<string> Aliases { get; }

        /// <summary>The [ValidateSet] values, if any.</summary>
        public IReadOnlyList<string> ValidValues { get; }

        /// <summary>One entry per [Parameter] attribute: how the parameter behaves in that set.</summary>
        public IReadOnlyList<ParameterSetFacts> Sets { get; }
    }

    public sealed class ParameterSetFacts
    {
        public const string AllSets = "__AllParameterSets";

        public ParameterSetFacts(string setName, bool mandatory, int? position, bool byValue, bool byPropertyName,
            bool remainingArguments)
        {
            SetName = setName;
            Mandatory = mandatory;
            Position = position;
            ByValue = byValue;
            ByPropertyName = byPropertyName;
            RemainingArguments = remainingArguments;
        }

        public string SetName { get; }
        public bool Mandatory { get; }
        public int? Position { get; }
        public bool ByValue { get; }
        public bool ByPropertyName { get; }
        public bool RemainingArguments { get; }
    }
}
