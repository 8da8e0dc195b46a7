using System.Reflection;
using FunnelFlux.Domains;

namespace FunnelFlux.Core.Tests.Domains;

/// <summary>
/// FunnelFlux.Core must load without System.Text.Json or Polly being resolvable by its caller,
/// so no exported signature or attribute may mention a type from those assemblies.
/// </summary>
public class PublicSurfaceTests
{
    private static readonly string[] ForbiddenNamespaces = { "System.Text.Json", "Polly" };

    private const BindingFlags Visible =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void NoExportedSignatureMentionsJsonOrPollyTypes()
    {
        Assembly core = typeof(HostName).Assembly;
        var offences = new List<string>();
        foreach (Type type in core.GetExportedTypes())
        {
            CheckAttributes(type.CustomAttributes, type.FullName!, offences);
            Check(type.BaseType, $"{type.FullName} base type", offences);
            foreach (Type contract in type.GetInterfaces())
            {
                Check(contract, $"{type.FullName} interface", offences);
            }
            foreach (MemberInfo member in type.GetMembers(Visible).Where(IsVisibleOutside))
            {
                string where = $"{type.FullName}.{member.Name}";
                CheckAttributes(member.CustomAttributes, where, offences);
                foreach (Type mentioned in SignatureTypes(member))
                {
                    Check(mentioned, where, offences);
                }
            }
        }
        Assert.True(offences.Count == 0, "Public surface leaks third-party types:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void TheCheckCatchesALeak()
    {
        var offences = new List<string>();
        Check(typeof(Dictionary<string, System.Text.Json.JsonElement>), "sample", offences);
        Assert.Single(offences);
    }

    private static bool IsVisibleOutside(MemberInfo member) => member switch
    {
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
        EventInfo e => e.AddMethod is { } add && (add.IsPublic || add.IsFamily || add.IsFamilyOrAssembly),
        Type nested => nested.IsNestedPublic || nested.IsNestedFamily || nested.IsNestedFamORAssem,
        _ => true,
    };

    private static IEnumerable<Type> SignatureTypes(MemberInfo member)
    {
        switch (member)
        {
            case FieldInfo field:
                yield return field.FieldType;
                break;
            case PropertyInfo property:
                yield return property.PropertyType;
                foreach (var index in property.GetIndexParameters())
                {
                    yield return index.ParameterType;
                }
                foreach (MethodInfo accessor in property.GetAccessors(nonPublic: true))
                {
                    foreach (var data in accessor.ReturnParameter.CustomAttributes)
                    {
                        yield return data.AttributeType;
                    }
                }
                break;
            case EventInfo @event:
                yield return @event.EventHandlerType!;
                break;
            case MethodBase method:
                if (method is MethodInfo info)
                {
                    yield return info.ReturnType;
                    foreach (var data in info.ReturnParameter.CustomAttributes)
                    {
                        yield return data.AttributeType;
                    }
                }
                foreach (ParameterInfo parameter in method.GetParameters())
                {
                    yield return parameter.ParameterType;
                    foreach (var data in parameter.CustomAttributes)
                    {
                        yield return data.AttributeType;
                    }
                }
                if (method.IsGenericMethodDefinition)
                {
                    foreach (Type argument in method.GetGenericArguments())
                    {
                        foreach (Type constraint in argument.GetGenericParameterConstraints())
                        {
                            yield return constraint;
                        }
                    }
                }
                break;
        }
    }

    private static void CheckAttributes(IEnumerable<CustomAttributeData> attributes, string where, List<string> offences)
    {
        foreach (CustomAttributeData attribute in attributes)
        {
            Check(attribute.AttributeType, $"{where} attribute", offences);
        }
    }

    private static void Check(Type? type, string where, List<string> offences)
    {
        if (type is null || type.IsGenericParameter)
        {
            return;
        }
        if (type.HasElementType)
        {
            Check(type.GetElementType(), where, offences);
            return;
        }
        if (type.IsGenericType)
        {
            foreach (Type argument in type.GetGenericArguments())
            {
                Check(argument, where, offences);
            }
        }
        string ns = type.Namespace ?? string.Empty;
        if (ForbiddenNamespaces.Any(f => ns == f || ns.StartsWith(f + ".", StringComparison.Ordinal)))
        {
            offences.Add($"{where}: {type.FullName}");
        }
    }
}
