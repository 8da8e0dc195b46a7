using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FunnelFlux.Domains
{
    /// <summary>
    /// Checks user-supplied custom domain names and turns them into the form the API expects:
    /// ASCII (international names as punycode), lower case, no trailing dot. Nothing is trimmed
    /// or repaired silently: anything doubtful is refused with a message that says what to do,
    /// because the name also ends up in a URL path and, on create, on the user's bill. That
    /// includes invisible characters, which IDNA mapping would otherwise drop without a word
    /// ("a\u200Bb.example.com" would become ab.example.com).
    /// </summary>
    public static class HostName
    {
        public const int MaxLabelLength = 63;
        public const int MaxNameLength = 253;

        private const string Example = "'track.example.com'";

        /// <summary>
        /// Normalises <paramref name="input"/>; on failure <paramref name="normalized"/> is empty
        /// and <paramref name="error"/> says what is wrong and what to do.
        /// </summary>
        public static bool TryNormalize(string? input, out string normalized, out string? error)
        {
            if (TryNormalizePlainAscii(input, out normalized))
            {
                error = null;
                return true;
            }
            return TryNormalizeFully(input, out normalized, out error);
        }

        /// <summary>Every check, with its message: what <see cref="TryNormalize"/> does for any name the fast path leaves.</summary>
        internal static bool TryNormalizeFully(string? input, out string normalized, out string? error)
        {
            error = FindRawProblem(input);
            string candidate = input ?? string.Empty;

            if (error is null && candidate.Length > 0 && IsLabelSeparator(candidate[candidate.Length - 1]))
            {
                // One trailing dot is the fully qualified spelling of the same name; IDNA's
                // ideographic and full-width stops are dots too (example\u3002com is example.com).
                candidate = candidate.Substring(0, candidate.Length - 1);
            }
            if (error is null && !IsAscii(candidate))
            {
                error = ToPunycode(candidate, input!, out candidate);
            }
            if (error is null)
            {
                candidate = candidate.ToLowerInvariant();
                error = FindAsciiNameProblem(candidate, input!);
            }

            normalized = error is null ? candidate : string.Empty;
            return error is null;
        }

        /// <summary>
        /// The common case, decided in one pass without allocating: a name of ASCII letters, digits,
        /// hyphens and dots that obeys every label rule is already valid, and its normal form is its
        /// lower case without a trailing dot. Anything else (international, suspicious or wrong) is
        /// left to the full checks, which alone write messages; this never accepts what they refuse
        /// (HostNameTests compares the two).
        /// </summary>
        internal static bool TryNormalizePlainAscii(string? input, out string normalized)
        {
            normalized = string.Empty;
            if (input is null)
            {
                return false;
            }
            int length = input.Length;
            if (length > 0 && input[length - 1] == '.')
            {
                length--;
            }
            if (length == 0 || length > MaxNameLength)
            {
                return false;
            }
            bool upper = false;
            int labels = 0;
            int labelStart = 0;
            bool labelAllDigits = true;
            for (int i = 0; i <= length; i++)
            {
                char c = i < length ? input[i] : '.';
                if (c == '.')
                {
                    int labelLength = i - labelStart;
                    if (labelLength == 0 || labelLength > MaxLabelLength || input[labelStart] == '-' || input[i - 1] == '-')
                    {
                        return false;
                    }
                    // Punycode labels need the full check of their encoding.
                    if (labelLength >= 4 && input[labelStart + 2] == '-' && input[labelStart + 3] == '-' &&
                        (input[labelStart] | 0x20) == 'x' && (input[labelStart + 1] | 0x20) == 'n')
                    {
                        return false;
                    }
                    labels++;
                    if (i == length && labelAllDigits)
                    {
                        // A numeric top-level label (or an IPv4 address): the full checks say which.
                        return false;
                    }
                    labelStart = i + 1;
                    labelAllDigits = true;
                    continue;
                }
                if (c >= 'a' && c <= 'z')
                {
                    labelAllDigits = false;
                }
                else if (c >= 'A' && c <= 'Z')
                {
                    labelAllDigits = false;
                    upper = true;
                }
                else if (c == '-')
                {
                    labelAllDigits = false;
                }
                else if (c < '0' || c > '9')
                {
                    return false;
                }
            }
            if (labels < 2)
            {
                return false;
            }
            string name = length == input.Length ? input : input.Substring(0, length);
            normalized = upper ? name.ToLowerInvariant() : name;
            return true;
        }

        /// <summary>Normalises <paramref name="input"/> or throws.</summary>
        /// <exception cref="ArgumentException">The name is not a valid custom domain name (ParamName "domain").</exception>
        public static string Normalize(string? input)
        {
            if (!TryNormalize(input, out string normalized, out string? error))
            {
                throw new ArgumentException(error, "domain");
            }
            return normalized;
        }

        /// <summary>
        /// True when <paramref name="input"/> holds an unescaped PowerShell wildcard character
        /// (<c>*</c>, <c>?</c> or <c>[</c>; a backtick escapes the next character, as in PowerShell).
        /// </summary>
        public static bool ContainsWildcard(string input)
        {
            if (input is null)
            {
                return false;
            }
            for (int i = 0; i < input.Length; i++)
            {
                char c = input[i];
                if (c == '`')
                {
                    i++;
                }
                else if (c == '*' || c == '?' || c == '[')
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The Unicode form of a normalised (punycode) name, for display and matching; the name itself when it has none.</summary>
        public static string ToUnicode(string normalized)
        {
            try
            {
                return new System.Globalization.IdnMapping().GetUnicode(normalized);
            }
            catch (ArgumentException)
            {
                return normalized;
            }
        }

        /// <summary>
        /// The name escaped for use as one URL path segment. A normalised name needs no escaping;
        /// this is defence in depth should an unchecked string ever get here. "." and ".." are
        /// refused because URI handling removes such segments even when percent-encoded.
        /// </summary>
        /// <exception cref="ArgumentException">The name is empty, "." or "..".</exception>
        public static string ToPathSegment(string normalized)
        {
            if (normalized is null)
            {
                throw new ArgumentNullException(nameof(normalized));
            }
            if (normalized.Length == 0 || normalized == "." || normalized == "..")
            {
                throw new ArgumentException($"'{normalized}' cannot be used as a domain name in a URL path.", nameof(normalized));
            }
            return Uri.EscapeDataString(normalized);
        }

        /// <summary>Problems visible in the raw text: emptiness, URL parts, spaces, stray characters.</summary>
        private static string? FindRawProblem(string? input)
        {
            if (input is null)
            {
                return $"No domain name was given. Give a hostname such as {Example}.";
            }
            if (input.Length == 0)
            {
                return $"The domain name is empty. Give a hostname such as {Example}.";
            }
            if (string.IsNullOrWhiteSpace(input))
            {
                return $"The domain name is only whitespace. Give a hostname such as {Example}.";
            }

            var shown = new Shown(input);
            if (char.IsWhiteSpace(input[0]) || char.IsWhiteSpace(input[input.Length - 1]))
            {
                return $"The domain name {shown} starts or ends with whitespace. Remove the spaces; names are not trimmed silently.";
            }
            int schemeEnd = input.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd >= 0)
            {
                return $"{shown} is a URL, not a hostname. Give the hostname only." +
                    SuggestHost(ExtractHostFromUrl(input.Substring(schemeEnd + 3)));
            }
            for (int i = 0; i < input.Length; i++)
            {
                if (char.IsWhiteSpace(input[i]))
                {
                    return $"The domain name {shown} contains whitespace (at position {i + 1}). A hostname has no spaces.";
                }
                if (char.IsControl(input[i]))
                {
                    return $"The domain name {shown} contains a control character (U+{(int)input[i]:X4} at position {i + 1}). Type the name again without it.";
                }
            }

            string? unseen = FindInvisibleOrSlashLike(input, shown);
            if (unseen != null)
            {
                return unseen;
            }

            int at = input.LastIndexOf('@');
            if (at >= 0)
            {
                return $"The domain name {shown} contains '@' (user info such as 'user@'). Give the hostname only." +
                    SuggestHost(input.Substring(at + 1));
            }
            foreach (char separator in UrlSeparators)
            {
                int index = input.IndexOf(separator);
                if (index >= 0)
                {
                    return $"The domain name {shown} contains '{separator}' ({DescribeUrlPart(separator)}). Give the hostname only." +
                        SuggestHost(input.Substring(0, index));
                }
            }
            if (input.IndexOf('%') >= 0)
            {
                return $"The domain name {shown} contains '%'. Percent-encoded names are not accepted: type the name itself (international names are fine).";
            }
            if (input.IndexOf(':') >= 0 || input.IndexOf('[') >= 0 || input.IndexOf(']') >= 0)
            {
                return DescribeColonOrBracket(input, shown);
            }
            if (IsIPv4Literal(input))
            {
                return $"{shown} is an IP address. A custom domain is a name such as {Example}, not an address.";
            }
            if (input.EndsWith("..", StringComparison.Ordinal))
            {
                return $"The domain name {shown} ends with more than one dot. Remove the extra dots (one trailing dot is allowed).";
            }
            if (input.IndexOf("..", StringComparison.Ordinal) >= 0)
            {
                return $"The domain name {shown} contains '..' (an empty label between two dots). Remove the extra dot.";
            }
            if (input[0] == '.')
            {
                return $"The domain name {shown} starts with a dot (an empty label). Remove the leading dot.";
            }
            return null;
        }

        /// <summary>
        /// Invisible characters (default-ignorable and format characters, such as a zero-width
        /// space, a soft hyphen or a variation selector) and characters drawn like a slash. Both
        /// make a name mean something other than what its reader sees, so both are refused.
        /// </summary>
        private static string? FindInvisibleOrSlashLike(string input, Shown shown)
        {
            for (int i = 0; i < input.Length; i++)
            {
                char c = input[i];
                int codePoint;
                if (char.IsHighSurrogate(c) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
                {
                    codePoint = char.ConvertToUtf32(c, input[i + 1]);
                }
                else if (char.IsSurrogate(c))
                {
                    return $"The domain name {shown} contains a broken character (a lone surrogate, U+{(int)c:X4} at position {i + 1}). Type the name again.";
                }
                else
                {
                    codePoint = c;
                }
                var category = CharUnicodeInfo.GetUnicodeCategory(input, i);
                if (UnicodeClasses.IsInvisible(codePoint, category))
                {
                    return $"The domain name {shown} contains an invisible character ({DescribeCodePoint(codePoint)} at position {i + 1}). " +
                        "It is refused rather than removed, because removing it would silently change which domain is meant. Type the name again without it.";
                }
                if (UnicodeClasses.IsSlashLike(codePoint))
                {
                    return $"The domain name {shown} contains {DescribeCodePoint(codePoint)} at position {i + 1}, which looks like '/' or '\\'. " +
                        "A hostname has neither; give the hostname only, typed with plain dots and letters.";
                }
                if (codePoint > 0xFFFF)
                {
                    i++;
                }
            }
            return null;
        }

        private static string DescribeCodePoint(int codePoint)
        {
            string number = codePoint > 0xFFFF
                ? string.Format(CultureInfo.InvariantCulture, "U+{0:X5}", codePoint)
                : string.Format(CultureInfo.InvariantCulture, "U+{0:X4}", codePoint);
            string? name = UnicodeClasses.NameOf(codePoint);
            return name == null ? number : number + " " + name;
        }

        /// <summary>
        /// For a normalised name: a warning when one label mixes letters of different scripts,
        /// as look-alike names do (a Cyrillic 'а' among Latin letters makes "аpple.com" another
        /// domain than apple.com); null when it does not. The combinations that Japanese, Chinese
        /// and Korean names use with Latin letters are not mixing. The warning shows the ASCII
        /// (punycode) form, which is what is sent.
        /// </summary>
        public static string? FindMixedScripts(string normalized)
        {
            if (string.IsNullOrEmpty(normalized) || normalized.IndexOf("xn--", StringComparison.Ordinal) < 0)
            {
                return null;
            }
            var mapping = new IdnMapping();
            foreach (string asciiLabel in normalized.Split('.'))
            {
                if (!asciiLabel.StartsWith("xn--", StringComparison.Ordinal))
                {
                    continue;
                }
                string label;
                try
                {
                    label = mapping.GetUnicode(asciiLabel);
                }
                catch (ArgumentException)
                {
                    continue;
                }
                var scripts = ScriptsOfLetters(label);
                if (scripts.Count > 1 && !IsAllowedCombination(scripts))
                {
                    string listed = scripts.Count == 2
                        ? scripts[0] + " and " + scripts[1]
                        : string.Join(", ", scripts.Take(scripts.Count - 1)) + " and " + scripts[scripts.Count - 1];
                    return $"{Show(ToUnicode(normalized))} mixes {listed} letters in the label {Show(label)}, as look-alike names do. " +
                        $"It is sent to FunnelFlux as {normalized}. Check that this is the domain you mean.";
                }
            }
            return null;
        }

        private static List<string> ScriptsOfLetters(string label)
        {
            var scripts = new SortedSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < label.Length; i++)
            {
                // Digits and hyphens belong to no script, and marks take their letter's.
                if (!char.IsLowSurrogate(label[i]) && char.IsLetter(label, i))
                {
                    scripts.Add(UnicodeClasses.ScriptOf(char.ConvertToUtf32(label, i)));
                }
            }
            return scripts.ToList();
        }

        /// <summary>UTS #39's "highly restrictive" combinations: Latin with the scripts of Japanese, Chinese or Korean.</summary>
        private static bool IsAllowedCombination(List<string> scripts)
        {
            string[][] allowed =
            {
                new[] { "Latin", "Han", "Hiragana", "Katakana" },
                new[] { "Latin", "Han", "Bopomofo" },
                new[] { "Latin", "Han", "Hangul" },
            };
            return allowed.Any(set => scripts.All(s => set.Contains(s)));
        }

        // IDNA treats the ideographic and full-width full stops as dots too.
        private static readonly char[] LabelSeparators = { '.', '\u3002', '\uFF0E', '\uFF61' };

        private static bool IsLabelSeparator(char c) => Array.IndexOf(LabelSeparators, c) >= 0;

        /// <summary>Converts a name with non-ASCII characters to punycode, naming the label that fails.</summary>
        private static string? ToPunycode(string name, string input, out string ascii)
        {
            var mapping = new IdnMapping { UseStd3AsciiRules = true };
            try
            {
                ascii = mapping.GetAscii(name);
                return null;
            }
            catch (ArgumentException)
            {
                ascii = string.Empty;
            }

            foreach (string label in name.Split(LabelSeparators))
            {
                if (label.Length == 0)
                {
                    return $"The domain name {Show(input)} has an empty label. Remove the extra dot.";
                }
                try
                {
                    mapping.GetAscii(label);
                }
                catch (ArgumentException)
                {
                    return $"The label {Show(label)} in {Show(input)} is not a valid international domain name label: " +
                        $"it uses characters that are not allowed, or is longer than {MaxLabelLength} characters once converted to ASCII (punycode).";
                }
            }
            return $"The domain name {Show(input)} is not a valid international domain name, or is longer than {MaxNameLength} characters once converted to ASCII (punycode).";
        }

        /// <summary>Problems in the lower-case ASCII form: characters, labels, lengths, shape.</summary>
        private static string? FindAsciiNameProblem(string name, string input)
        {
            var shown = new Shown(input);
            if (name.Length == 0 || name[0] == '.')
            {
                return $"The domain name {shown} starts with a dot (an empty label). Remove the leading dot.";
            }
            if (name.EndsWith(".", StringComparison.Ordinal))
            {
                return $"The domain name {shown} ends with more than one dot. Remove the extra dots (one trailing dot is allowed).";
            }
            foreach (char c in name)
            {
                if (!IsHostNameChar(c))
                {
                    return $"The domain name {shown} contains {DescribeChar(c)}, which is not allowed in a hostname. " +
                        "Use only letters, digits, hyphens and dots (international letters are fine).";
                }
            }

            string[] labels = name.Split('.');
            foreach (string label in labels)
            {
                string? labelProblem = FindLabelProblem(label, shown);
                if (labelProblem != null)
                {
                    return labelProblem;
                }
            }
            if (name.Length > MaxNameLength)
            {
                return $"The domain name {shown} is {name.Length} characters long (in ASCII, without a trailing dot); " +
                    $"a hostname may have at most {MaxNameLength}. Use a shorter name.";
            }
            if (labels.Length < 2)
            {
                return $"The domain name {shown} is a single label. A custom domain needs at least two labels, such as {Example}.";
            }
            if (IsIPv4Literal(name))
            {
                return $"{shown} is an IP address. A custom domain is a name such as {Example}, not an address.";
            }
            string topLevel = labels[labels.Length - 1];
            if (IsAllDigits(topLevel))
            {
                return $"The top-level label '{topLevel}' of {shown} is all digits; no top-level domain is numeric. Check the name for a typo.";
            }
            return null;
        }

        private static string? FindLabelProblem(string label, Shown shown)
        {
            if (label.Length == 0)
            {
                return $"The domain name {shown} has an empty label. Remove the extra dot.";
            }
            if (label.Length > MaxLabelLength)
            {
                return $"The label '{Truncate(label)}' of {shown} is {label.Length} characters long (in ASCII); " +
                    $"a label may have at most {MaxLabelLength}. Use a shorter name.";
            }
            if (label[0] == '-' || label[label.Length - 1] == '-')
            {
                string where = label[0] == '-' ? "starts" : "ends";
                return $"The label '{label}' of {shown} {where} with a hyphen, which hostnames do not allow. Remove the hyphen.";
            }
            if (label.StartsWith("xn--", StringComparison.Ordinal) && !IsValidPunycodeLabel(label))
            {
                return $"The label '{label}' of {shown} starts with 'xn--' but is not valid punycode. " +
                    "Type the international name itself, or copy its ASCII form again.";
            }
            return null;
        }

        private static bool IsValidPunycodeLabel(string label)
        {
            try
            {
                new IdnMapping { UseStd3AsciiRules = true }.GetUnicode(label);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private static string DescribeColonOrBracket(string input, Shown shown)
        {
            string unbracketed = input.Trim('[', ']');
            if (IPAddress.TryParse(unbracketed, out IPAddress? address) && address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                return $"{shown} is an IPv6 address. A custom domain is a name such as {Example}, not an address.";
            }
            int colon = input.IndexOf(':');
            if (colon > 0 && colon == input.LastIndexOf(':') && IsAllDigits(input.Substring(colon + 1)))
            {
                return $"The domain name {shown} contains a port ('{input.Substring(colon)}'). Give the hostname without a port." +
                    SuggestHost(input.Substring(0, colon));
            }
            char found = input.IndexOf(':') >= 0 ? ':' : input.IndexOf('[') >= 0 ? '[' : ']';
            return $"The domain name {shown} contains '{found}', which is not allowed in a hostname. Give a hostname such as {Example}.";
        }

        /// <summary>The host part of a URL's authority (after the scheme): no user info, path or port.</summary>
        private static string ExtractHostFromUrl(string afterScheme)
        {
            int end = afterScheme.IndexOfAny(new[] { '/', '\\', '?', '#' });
            string authority = end >= 0 ? afterScheme.Substring(0, end) : afterScheme;
            int at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                authority = authority.Substring(at + 1);
            }
            int colon = authority.LastIndexOf(':');
            if (colon >= 0 && authority.IndexOf(']') < colon)
            {
                authority = authority.Substring(0, colon);
            }
            return authority;
        }

        /// <summary>" Did you mean 'x'?" when <paramref name="candidate"/> is itself a valid name.</summary>
        private static string SuggestHost(string candidate) =>
            candidate.Length > 0 && TryNormalize(candidate, out _, out _)
                ? $" Did you mean '{candidate}'?"
                : $" For example: {Example}.";

        private static string DescribeUrlPart(char separator)
        {
            switch (separator)
            {
                case '/': return "a path; a hostname has none";
                case '\\': return "a backslash; a hostname has none";
                case '?': return "a query string or wildcard; a hostname has neither";
                default: return "a URL fragment; a hostname has none";
            }
        }

        private static bool IsHostNameChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';

        private static bool IsAscii(string s)
        {
            foreach (char c in s)
            {
                if (c > '\u007f')
                {
                    return false;
                }
            }
            return true;
        }

        private static bool IsAllDigits(string s)
        {
            if (s.Length == 0)
            {
                return false;
            }
            foreach (char c in s)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Dotted-decimal only: IPAddress.TryParse alone also accepts "1" or "1.2".</summary>
        private static bool IsIPv4Literal(string s)
        {
            string trimmed = s.EndsWith(".", StringComparison.Ordinal) ? s.Substring(0, s.Length - 1) : s;
            if (trimmed.Split('.').Length != 4)
            {
                return false;
            }
            foreach (char c in trimmed)
            {
                if ((c < '0' || c > '9') && c != '.')
                {
                    return false;
                }
            }
            return IPAddress.TryParse(trimmed, out _);
        }

        private static string DescribeChar(char c)
        {
            if (c == '*')
            {
                return "'*' (a wildcard, which can select existing domains but is never part of a name)";
            }
            if (c == '_')
            {
                return "'_' (underscore)";
            }
            return c > ' ' && c < '\u007f' ? $"'{c}'" : $"U+{(int)c:X4}";
        }

        /// <summary>The input quoted for a message, with invisible characters made visible and length bounded.</summary>
        internal static string Quote(string input) => Show(input);

        /// <summary>The characters that end a hostname inside a URL, each named in its own message.</summary>
        private static readonly char[] UrlSeparators = { '/', '\\', '?', '#' };

        /// <summary>
        /// The name as a message shows it (quoted, invisible characters spelled out), made only when
        /// a message is: a valid name, the usual case, never needs it.
        /// </summary>
        private sealed class Shown
        {
            private readonly string _input;
            private string? _text;

            public Shown(string input) => _input = input;

            public override string ToString() => _text ??= Show(_input);
        }

        private static string Show(string input)
        {
            string text = Truncate(input);
            var builder = new StringBuilder(text.Length + 2);
            builder.Append('\'');
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                int codePoint = pair ? char.ConvertToUtf32(c, text[i + 1]) : c;
                bool hidden = char.IsControl(c) || (char.IsSurrogate(c) && !pair) ||
                    UnicodeClasses.IsInvisible(codePoint, CharUnicodeInfo.GetUnicodeCategory(text, i));
                if (hidden)
                {
                    builder.Append(codePoint > 0xFFFF ? "\\U" + codePoint.ToString("X8", CultureInfo.InvariantCulture) : "\\u" + codePoint.ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                    if (pair) builder.Append(text[i + 1]);
                }
                if (pair) i++;
            }
            builder.Append('\'');
            return builder.ToString();
        }

        private static string Truncate(string s) => s.Length <= 80 ? s : s.Substring(0, 77) + "...";
    }
}
