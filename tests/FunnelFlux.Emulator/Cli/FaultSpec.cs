using System.Text;
using System.Text.RegularExpressions;

namespace FunnelFlux.Emulator;

/// <summary>
/// One --fault value: "[METHOD] PATH KIND [VALUE] [NAME=VALUE ...] [after] [xN]", e.g.
/// "DELETE /billing/domains/* close after x1" or
/// "POST /billing/domains error 400 errorCode=INVALID_VERIFICATION_TOKEN errorMessage='verification token mismatch'".
/// </summary>
internal sealed partial record FaultSpec(string? Method, string Path, Fault Fault, int Times)
{
    public const string Grammar = "[METHOD] PATH KIND [VALUE] [NAME=VALUE ...] [after] [xN]";

    public static FaultSpec Parse(string spec)
    {
        List<string> tokens = Tokenize(spec);
        int next = 0;
        string? method = null;
        if (tokens.Count > 0 && !tokens[0].StartsWith('/'))
        {
            method = tokens[0] == "*" ? null : tokens[0].All(char.IsAsciiLetter) ? tokens[0].ToUpperInvariant() : throw Bad(spec, $"'{tokens[0]}' is neither an HTTP method nor a path starting with '/'");
            next = 1;
        }

        if (next >= tokens.Count || !tokens[next].StartsWith('/'))
        {
            throw Bad(spec, "a path starting with '/' is needed, e.g. /billing/domains*");
        }

        string path = tokens[next++];
        if (next >= tokens.Count)
        {
            throw Bad(spec, $"a fault kind is needed after the path: one of {string.Join(", ", FaultFactory.KindNames)}");
        }

        string kind = tokens[next++];
        var arguments = new FaultArguments();
        bool afterAction = false;
        int? times = null;
        string? bare = null;
        try
        {
            string? primary = FaultFactory.PrimaryArgument(kind);
            foreach (string token in tokens.Skip(next))
            {
                int equals = token.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    string name = token[..equals];
                    if (arguments.Has(name))
                    {
                        throw new FormatException($"'{name}' is given twice.");
                    }

                    arguments.Set(name, token[(equals + 1)..]);
                }
                else if (token.Equals("after", StringComparison.OrdinalIgnoreCase) || token.Equals("afterAction", StringComparison.OrdinalIgnoreCase))
                {
                    afterAction = true;
                }
                else if (TimesPattern().Match(token) is { Success: true } m)
                {
                    times = times is null && int.TryParse(m.Groups[1].ValueSpan, out int n) && n >= 1
                        ? n
                        : throw new FormatException($"'{token}': the count is given once, as x1 or more.");
                }
                else if (bare is null && primary is not null)
                {
                    bare = token;
                }
                else
                {
                    throw new FormatException(primary is null
                        ? $"'{token}' is not understood: '{kind}' takes no bare value."
                        : $"'{token}' is not understood: only one bare value (the {primary}) is taken; give others as NAME=VALUE.");
                }
            }

            if (bare is not null)
            {
                if (arguments.Has(primary!))
                {
                    throw new FormatException($"'{primary}' is given twice (as '{bare}' and as {primary}=...).");
                }

                arguments.Set(primary!, bare);
            }

            return new FaultSpec(method, path, FaultFactory.Create(kind, arguments, afterAction), times ?? 1);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw Bad(spec, ex.Message.TrimEnd('.'));
        }
    }

    public void QueueOn(FaultPlan plan) => plan.Add(Method, Path, Fault, Times);

    // Splits on spaces; '...' or "..." group words, and the quotes are dropped.
    private static List<string> Tokenize(string spec)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        bool inToken = false;
        char? quote = null;
        foreach (char c in spec)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inToken = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inToken)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                    inToken = false;
                }
            }
            else
            {
                current.Append(c);
                inToken = true;
            }
        }

        if (quote is not null)
        {
            throw Bad(spec, $"a {quote} quote is not closed");
        }

        if (inToken)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static UsageException Bad(string spec, string problem) =>
        new($"--fault \"{spec}\": {problem}. The form is \"{Grammar}\" (see --help).");

    [GeneratedRegex("^[xX]([0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TimesPattern();
}
