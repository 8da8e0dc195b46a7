using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Reflection;

namespace FunnelFlux.HelpCompiler
{
    /// <summary>
    /// Reads cmdlet and parameter facts from the built module assembly through MetadataLoadContext:
    /// the netstandard2.0 dll is inspected, never executed, and no file stays locked after the run.
    /// Attributes are matched by full name because the types live in the load context, not here.
    /// </summary>
    public static class CmdletReflector
    {
        private const string Sma = "System.Management.Automation.";

        public static IReadOnlyList<CmdletFacts> Read(string assemblyPath, IEnumerable<string> referencePaths)
        {
            var paths = referencePaths.Append(assemblyPath).Distinct(StringComparer.OrdinalIgnoreCase);
            using var context = new MetadataLoadContext(new PathAssemblyResolver(paths), "netstandard");
            Assembly assembly = context.LoadFromAssemblyPath(assemblyPath);
            var cmdlets = new List<CmdletFacts>();
            foreach (Type type in assembly.GetExportedTypes().Where(t => !t.IsAbstract))
            {
                CustomAttributeData? cmdlet = Find(type.GetCustomAttributesData(), "CmdletAttribute");
                if (cmdlet is not null)
                {
                    cmdlets.Add(ReadCmdlet(type, cmdlet));
                }
            }
            return cmdlets;
        }

        private static CmdletFacts ReadCmdlet(Type type, CustomAttributeData cmdlet)
        {
            string verb = (string)cmdlet.ConstructorArguments[0].Value!;
            string noun = (string)cmdlet.ConstructorArguments[1].Value!;
            bool shouldProcess = Named(cmdlet, "SupportsShouldProcess") as bool? ?? false;
            string? defaultSet = Named(cmdlet, "DefaultParameterSetName") as string;

            var parameters = new List<ParameterFacts>();
            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                IList<CustomAttributeData> attributes = property.GetCustomAttributesData();
                var sets = attributes.Where(a => Is(a, "ParameterAttribute")).Select(ReadSet).ToList();
                if (sets.Count > 0)
                {
                    parameters.Add(new ParameterFacts(
                        property.Name,
                        DisplayName(property.PropertyType),
                        property.PropertyType.FullName == Sma + "SwitchParameter",
                        StringArguments(Find(attributes, "AliasAttribute")),
                        StringArguments(Find(attributes, "ValidateSetAttribute")),
                        sets));
                }
            }

            var outputTypes = type.GetCustomAttributesData()
                .Where(a => Is(a, "OutputTypeAttribute"))
                .SelectMany(a => Arguments(a.ConstructorArguments[0]))
                .Select(arg => arg.Value is Type t ? t.FullName ?? t.Name : arg.Value?.ToString() ?? string.Empty)
                .Distinct()
                .ToList();

            return new CmdletFacts(verb, noun, shouldProcess, defaultSet, parameters, outputTypes);
        }

        private static ParameterSetFacts ReadSet(CustomAttributeData parameter)
        {
            int position = Named(parameter, "Position") as int? ?? int.MinValue;
            return new ParameterSetFacts(
                Named(parameter, "ParameterSetName") as string ?? ParameterSetFacts.AllSets,
                Named(parameter, "Mandatory") as bool? ?? false,
                position == int.MinValue ? null : position,
                Named(parameter, "ValueFromPipeline") as bool? ?? false,
                Named(parameter, "ValueFromPipelineByPropertyName") as bool? ?? false,
                Named(parameter, "ValueFromRemainingArguments") as bool? ?? false);
        }

        /// <summary>The name PowerShell's help shows: "Int32", "String[]", "DateTimeOffset" for a nullable one.</summary>
        internal static string DisplayName(Type type)
        {
            if (type.IsArray)
            {
                return DisplayName(type.GetElementType()!) + "[]";
            }
            if (type.IsGenericType)
            {
                Type[] args = type.GetGenericArguments();
                if (type.GetGenericTypeDefinition().FullName == "System.Nullable`1")
                {
                    return DisplayName(args[0]);
                }
                string name = type.Name.Substring(0, type.Name.IndexOf('`'));
                return name + "[" + string.Join(", ", args.Select(DisplayName)) + "]";
            }
            return type.Name;
        }

        private static bool Is(CustomAttributeData attribute, string name) =>
            attribute.AttributeType.FullName == Sma + name;

        private static CustomAttributeData? Find(IEnumerable<CustomAttributeData> attributes, string name) =>
            attributes.FirstOrDefault(a => Is(a, name));

        private static object? Named(CustomAttributeData attribute, string name) =>
            attribute.NamedArguments.Where(n => n.MemberName == name).Select(n => n.TypedValue.Value).FirstOrDefault();

        /// <summary>Every string given to a params-string[] attribute such as [Alias] or [ValidateSet].</summary>
        private static IReadOnlyList<string> StringArguments(CustomAttributeData? attribute) =>
            attribute is null
                ? Array.Empty<string>()
                : attribute.ConstructorArguments.SelectMany(Arguments).Select(a => a.Value as string).OfType<string>().ToList();

        /// <summary>Flattens an array-valued attribute argument into its elements.</summary>
        private static IEnumerable<CustomAttributeTypedArgument> Arguments(CustomAttributeTypedArgument argument) =>
            argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items : new[] { argument };
    }
}
