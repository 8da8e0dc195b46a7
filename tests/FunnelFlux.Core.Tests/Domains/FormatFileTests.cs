using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FunnelFlux.Domains;

namespace FunnelFlux.Core.Tests.Domains;

/// <summary>
/// FunnelFlux.Format.ps1xml is only read by PowerShell at import time, where a typo in a
/// property name shows as an empty column rather than an error; these checks catch that here.
/// </summary>
public class FormatFileTests
{
    // The views are of the types users see, which live in FunnelFlux.Models.
    private static readonly Assembly Core = typeof(Domain).Assembly;
    private static readonly Regex DollarUnderscoreProperty = new(@"\$_\.(\w+)", RegexOptions.CultureInvariant);

    private static XDocument Load()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "FunnelFlux.Format.ps1xml");
            if (File.Exists(path))
            {
                return XDocument.Load(path);
            }
        }
        throw new FileNotFoundException("FunnelFlux.Format.ps1xml not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void EveryViewNamesAnExistingCoreTypeAndItsProperties()
    {
        var problems = new List<string>();
        foreach (XElement view in Load().Descendants("View"))
        {
            string viewName = (string?)view.Element("Name") ?? "?";
            foreach (string typeName in view.Element("ViewSelectedBy")!.Elements("TypeName").Select(e => e.Value.Trim()))
            {
                Type? type = Core.GetType(typeName);
                if (type is null || !type.IsPublic)
                {
                    problems.Add($"{viewName}: no public type {typeName} in FunnelFlux.Core");
                    continue;
                }
                IEnumerable<string> used = view.Descendants("PropertyName").Select(e => e.Value.Trim())
                    .Concat(view.Descendants("ScriptBlock").SelectMany(e => DollarUnderscoreProperty.Matches(e.Value).Select(m => m.Groups[1].Value)));
                foreach (string property in used.Distinct())
                {
                    if (type.GetProperty(property, BindingFlags.Public | BindingFlags.Instance) is null)
                    {
                        problems.Add($"{viewName}: {typeName} has no public property {property}");
                    }
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>about_FunnelFlux promises that Format-List shows a type's properties, leaving out only those with nothing to show.</summary>
    [Fact]
    public void EveryListViewHasAnItemForEveryPublicPropertyOfItsType()
    {
        var problems = new List<string>();
        foreach (XElement view in Load().Descendants("View").Where(v => v.Element("ListControl") != null))
        {
            var labels = view.Descendants("ListItem")
                .Select(i => ((string?)i.Element("Label") ?? (string?)i.Element("PropertyName"))!.Trim())
                .ToHashSet(StringComparer.Ordinal);
            foreach (string typeName in view.Element("ViewSelectedBy")!.Elements("TypeName").Select(e => e.Value.Trim()))
            {
                foreach (PropertyInfo property in Core.GetType(typeName, throwOnError: true)!.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (!labels.Contains(property.Name))
                    {
                        problems.Add($"{(string?)view.Element("Name")}: no item for {typeName}.{property.Name}");
                    }
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TablesHaveAsManyColumnsAsHeaders()
    {
        foreach (XElement table in Load().Descendants("TableControl"))
        {
            int headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").Count();
            foreach (XElement row in table.Descendants("TableColumnItems"))
            {
                Assert.Equal(headers, row.Elements("TableColumnItem").Count());
            }
        }
    }

    /// <summary>A value longer than its column wraps: a cut name or status reads as another one.</summary>
    [Fact]
    public void EveryTableWrapsAValueRatherThanCuttingIt()
    {
        var rows = Load().Descendants("TableRowEntry").ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.NotNull(row.Element("Wrap")));
    }

    [Theory]
    [InlineData("FunnelFlux.Domain", "TableControl")]
    [InlineData("FunnelFlux.Domain", "ListControl")]
    [InlineData("FunnelFlux.DomainCheck", "TableControl")]
    [InlineData("FunnelFlux.DnsRecord", "TableControl")]
    [InlineData("FunnelFlux.AssetIdInfo", "TableControl")]
    [InlineData("FunnelFlux.AssetIdInfo", "ListControl")]
    public void EveryOutputTypeHasItsViews(string typeName, string control)
    {
        Assert.Contains(Load().Descendants("View"), view =>
            view.Element("ViewSelectedBy")!.Elements("TypeName").Any(t => t.Value.Trim() == typeName) &&
            view.Element(control) != null);
    }

    /// <summary>
    /// A DNS record's value is what the user copies to their DNS provider, and no 80-column
    /// table can show it whole, so its default is its list view; every other type's is a table.
    /// </summary>
    private static readonly Dictionary<string, string> ListByDefault = new() { ["FunnelFlux.DnsRecord"] = "ListControl" };

    [Fact]
    public void TheTableIsEachTypesFirstViewSoItIsTheDefault()
    {
        var firstControlByType = new Dictionary<string, string>();
        foreach (XElement view in Load().Descendants("View"))
        {
            string control = view.Elements().Single(e => e.Name.LocalName.EndsWith("Control", StringComparison.Ordinal)).Name.LocalName;
            foreach (XElement type in view.Element("ViewSelectedBy")!.Elements("TypeName"))
            {
                firstControlByType.TryAdd(type.Value.Trim(), control);
            }
        }
        Assert.All(firstControlByType, pair => Assert.Equal(ListByDefault.GetValueOrDefault(pair.Key, "TableControl"), pair.Value));
        Assert.All(ListByDefault.Keys, type => Assert.True(firstControlByType.ContainsKey(type), type));
    }
}
