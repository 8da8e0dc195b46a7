using FunnelFlux.Requests;

namespace FunnelFlux.Core.Tests.Requests;

public class QueryStringTests
{
    private static KeyValuePair<string, object?> P(string key, object? value) => new(key, value);

    [Fact]
    public void ValuesAreEscapedAsDataAndListsRepeatTheKey()
    {
        string query = QueryString.Build(new[]
        {
            P("idFunnel", "3a0HFXEabcde"),
            P("q", "a&b=c d+e#f/g?h"),
            P("name", "caf\u00e9"),
            P("ids", new List<object?> { "a", "b", "c" }),
            P("on", true),
            P("n", 5L),
            P("x", 0.1d),
            P("m", 1.50m),
            P("empty", null),
            P("spaced key", "v"),
        });

        Assert.Equal("idFunnel=3a0HFXEabcde&q=a%26b%3Dc%20d%2Be%23f%2Fg%3Fh&name=caf%C3%A9&ids=a&ids=b&ids=c&on=true&n=5&x=0.1&m=1.50&empty=&spaced%20key=v", query);
    }

    [Fact]
    public void AnEmptyListSendsNothingForItsKey()
    {
        Assert.Equal("a=1", QueryString.Build(new[] { P("a", "1"), P("b", new List<object?>()) }));
    }

    [Fact]
    public void ObjectsNestedListsAndEmptyKeysAreRefused()
    {
        Assert.Equal("InvalidQuery", Assert.Throws<RequestRefusedException>(() => QueryString.Build(new[] { P("", "x") })).ErrorId);
        Assert.Throws<RequestRefusedException>(() => QueryString.Build(new[] { P("a", new List<KeyValuePair<string, object?>>()) }));
        Assert.Throws<RequestRefusedException>(() => QueryString.Build(new[] { P("a", new List<object?> { new List<object?> { "x" } }) }));
        Assert.Throws<RequestRefusedException>(() => QueryString.Build(new[] { P("a", double.NaN) }));
    }
}
