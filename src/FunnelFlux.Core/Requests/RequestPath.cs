using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FunnelFlux.Requests
{
    /// <summary>
    /// Turns a user's -Path into a path relative to the session's API URI, or refuses it. The
    /// Bearer token goes with every request, so nothing that could resolve outside the API URI is
    /// ever let through: another scheme, host or port, user info, a network-path reference
    /// (//host), dot segments in any encoding (System.Uri collapses "%2e%2e" into ".."), encoded
    /// slashes or backslashes, control characters, a query or fragment. A full URL is accepted
    /// only inside the API URI, and becomes the same relative path. The result is what the
    /// transport resolves against the API URI, and is checked to resolve to exactly itself.
    /// </summary>
    public static class RequestPath
    {
        private const int MaxDecodeLevels = 4;
        private const string Advice = "Give a path relative to the API URI, such as billing/domains, or a full URL inside it.";

        private static readonly Regex SchemePrefix = new Regex("^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant);

        /// <summary>
        /// The escaped relative path ("billing/domains/track.example.com", "reporting/update/cost/")
        /// for <paramref name="path"/>, which is either relative to <paramref name="apiUri"/> (a
        /// leading '/' is allowed) or a full URL inside it.
        /// </summary>
        /// <exception cref="ApiPathRefusedException">The path is refused; the message says why.</exception>
        public static string ToRelative(Uri apiUri, string? path)
        {
            if (apiUri is null) throw new ArgumentNullException(nameof(apiUri));
            if (path is null || path.Trim().Length == 0)
            {
                throw Refuse(PathProblem.Empty, path ?? string.Empty, "it is empty. " + Advice);
            }
            CheckCharacters(path, path);
            if (path.Trim().Length != path.Length)
            {
                throw Refuse(PathProblem.SurroundingWhiteSpace, path, "it starts or ends with white space. Remove it (a path never needs it).");
            }

            string relative = SchemePrefix.IsMatch(path) ? InsideApiUri(apiUri, path) : StripOneLeadingSlash(path);
            if (relative.Length == 0)
            {
                throw Refuse(PathProblem.Empty, path, "it names the API URI itself, not an endpoint. " + Advice);
            }

            string[] segments = relative.Split('/');
            var escaped = new StringBuilder(relative.Length + 16);
            for (int i = 0; i < segments.Length; i++)
            {
                string segment = segments[i];
                bool last = i == segments.Length - 1;
                if (segment.Length == 0 && !last)
                {
                    throw Refuse(PathProblem.EmptySegment, path, "it has an empty segment ('//'). Remove the doubled slash.");
                }
                CheckSegment(path, segment, first: i == 0);
                if (i > 0) escaped.Append('/');
                escaped.Append(EscapeSegment(segment, first: i == 0));
            }

            string result = escaped.ToString();
            EnsureResolvesToItself(apiUri, path, result);
            return result;
        }

        /// <summary>The absolute URL <paramref name="relativePath"/> resolves to, as the transport resolves it.</summary>
        public static Uri Resolve(Uri apiUri, string relativePath) =>
            new Uri(new Uri(BaseText(apiUri)), relativePath);

        private static string BaseText(Uri apiUri) => apiUri.AbsoluteUri.TrimEnd('/') + "/";

        private static void CheckCharacters(string path, string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsControl(c) || c == '\u2028' || c == '\u2029')
                {
                    throw Refuse(PathProblem.ControlCharacter, path, $"character {i + 1} is the control character U+{(int)c:X4}. Remove it.");
                }
                if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) &&
                    !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1])))
                {
                    throw Refuse(PathProblem.InvalidCharacter, path, $"character {i + 1} is half of a UTF-16 surrogate pair. Remove it.");
                }
                switch (c)
                {
                    case '\\':
                        throw Refuse(PathProblem.Backslash, path, "it contains a backslash, which some servers and proxies read as '/'. Use '/' between segments.");
                    case '#':
                        throw Refuse(PathProblem.Fragment, path, "it contains '#' (a fragment), which is never sent to a server. Remove it, or write %23 for a literal '#'.");
                    case '?':
                        throw Refuse(PathProblem.QueryInPath, path, "it contains '?'. Pass query parameters with -Query, for example -Query @{ idFunnel = $id }.");
                }
            }
            if (text.StartsWith("//", StringComparison.Ordinal))
            {
                throw Refuse(PathProblem.NetworkPathReference, path, "it starts with '//', which names another host. " + Advice);
            }
        }

        /// <summary>A full URL: allowed only on the API URI's scheme, host and port, under its path.</summary>
        private static string InsideApiUri(Uri apiUri, string url)
        {
            int colon = url.IndexOf(':');
            string scheme = url.Substring(0, colon);
            string rest = url.Substring(colon + 1);
            if (!scheme.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && !scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
            {
                throw Refuse(PathProblem.OtherScheme, url, $"it starts with the scheme '{scheme}:'; only URLs inside the API URI ({apiUri.GetLeftPart(UriPartial.Path)}) are accepted. " + Advice);
            }
            if (!rest.StartsWith("//", StringComparison.Ordinal))
            {
                throw Refuse(PathProblem.OtherHost, url, $"it is not a full URL ('{scheme}:' must be followed by '//host'). " + Advice);
            }
            int pathStart = rest.IndexOf('/', 2);
            string authority = pathStart < 0 ? rest.Substring(2) : rest.Substring(2, pathStart - 2);
            string pathPart = pathStart < 0 ? string.Empty : rest.Substring(pathStart);
            if (authority.IndexOf('@') >= 0)
            {
                throw Refuse(PathProblem.UserInfo, url, "it carries user info ('name@' before the host), which could send the request elsewhere. " + Advice);
            }
            if (authority.IndexOf('%') >= 0 || !Uri.TryCreate(scheme + "://" + authority + "/", UriKind.Absolute, out var given) || given.Host.Length == 0)
            {
                throw Refuse(PathProblem.OtherHost, url, $"'{authority}' is not a valid host. " + Advice);
            }
            if (!string.Equals(given.IdnHost, apiUri.IdnHost, StringComparison.OrdinalIgnoreCase))
            {
                throw Refuse(PathProblem.OtherHost, url, $"it points to {given.Host}, not to the API's host {apiUri.Host}; the token is only sent to the API URI. " + Advice);
            }
            if (!scheme.Equals(apiUri.Scheme, StringComparison.OrdinalIgnoreCase))
            {
                throw Refuse(PathProblem.OtherScheme, url, $"it uses {scheme.ToLowerInvariant()}, but the API URI uses {apiUri.Scheme}; the token is only sent to {apiUri.GetLeftPart(UriPartial.Path)}. " + Advice);
            }
            if (given.Port != apiUri.Port)
            {
                throw Refuse(PathProblem.OtherPort, url, $"it points to port {given.Port}, not to the API's port {apiUri.Port}. " + Advice);
            }

            string basePath = apiUri.AbsolutePath.TrimEnd('/');
            if (pathPart.Length == 0 || pathPart == "/" || pathPart == basePath || pathPart == basePath + "/")
            {
                return string.Empty;
            }
            if (!pathPart.StartsWith(basePath + "/", StringComparison.Ordinal))
            {
                throw Refuse(PathProblem.OutsideApiPath, url, $"its path is not under the API URI's path ({(basePath.Length == 0 ? "/" : basePath)}). " + Advice);
            }
            return pathPart.Substring(basePath.Length + 1);
        }

        private static string StripOneLeadingSlash(string path) => path.StartsWith("/", StringComparison.Ordinal) ? path.Substring(1) : path;

        /// <summary>
        /// A segment as a server may route it: without ';' parameters (auth;x is auth to Tomcat or
        /// Jetty) and without trailing dots or blanks.
        /// </summary>
        private static string EndpointName(string segment)
        {
            int parameters = segment.IndexOf(';');
            return (parameters >= 0 ? segment.Substring(0, parameters) : segment).TrimEnd('.', ' ', '\t');
        }

        /// <summary>
        /// Checks a segment as sent and after each level of percent-decoding, so that "%2e%2e",
        /// "%252e%252e" and friends are seen for what a server (or System.Uri) may make of them.
        /// </summary>
        private static void CheckSegment(string path, string segment, bool first)
        {
            string level = segment;
            for (int depth = 0; depth <= MaxDecodeLevels; depth++)
            {
                string trimmed = level.Trim();
                if (trimmed == "." || trimmed == "..")
                {
                    throw Refuse(PathProblem.DotSegment, path, depth == 0
                        ? $"it has the segment '{segment}', which moves up or stays in place; it could climb out of the API URI. Name the endpoint without '.' or '..' segments."
                        : $"the segment '{segment}' decodes to '{trimmed}', which could climb out of the API URI. Name the endpoint without '.' or '..' segments.");
                }
                if (depth > 0)
                {
                    if (level.IndexOf('/') >= 0 || level.IndexOf('\\') >= 0)
                    {
                        throw Refuse(PathProblem.EncodedSeparator, path, $"the segment '{segment}' decodes to a '/' or '\\' (an encoded separator), which a server may treat as a new segment. Remove it.");
                    }
                    foreach (char c in level)
                    {
                        if (char.IsControl(c))
                        {
                            throw Refuse(PathProblem.ControlCharacter, path, $"the segment '{segment}' decodes to the control character U+{(int)c:X4}. Remove it.");
                        }
                    }
                }
                if (first && EndpointName(trimmed).Equals("auth", StringComparison.OrdinalIgnoreCase))
                {
                    throw Refuse(PathProblem.AuthEndpoint, path,
                        "the auth endpoints are the session's own: Connect-FFAccount validates the tokens and the module renews them as needed, and their answers carry tokens, which the module never writes out. Use Connect-FFAccount and Get-FFContext.");
                }
                if (level.IndexOf('%') < 0)
                {
                    return;
                }
                if (!TryPercentDecode(level, out string decoded))
                {
                    if (depth == 0)
                    {
                        throw Refuse(PathProblem.MalformedEscape, path, $"the segment '{segment}' has a '%' that does not start an escape such as %2F. Write %25 for a literal '%'.");
                    }
                    // A literal '%' left after decoding (from %25) is data, not another level of escaping.
                    return;
                }
                level = decoded;
            }
            throw Refuse(PathProblem.MalformedEscape, path, $"the segment '{segment}' is percent-encoded more than {MaxDecodeLevels} times over. Encode it once.");
        }

        /// <summary>
        /// Escapes what may not stand bare in a segment (space, quotes, brackets, non-ASCII as
        /// UTF-8) and normalises existing escapes as System.Uri does (unreserved characters bare,
        /// others with upper-case hex), so that resolving changes nothing. A ':' in the first
        /// segment is escaped, since "a:b" would read as a scheme.
        /// </summary>
        private static string EscapeSegment(string segment, bool first)
        {
            var output = new StringBuilder(segment.Length + 8);
            for (int i = 0; i < segment.Length; i++)
            {
                char c = segment[i];
                if (c == '%')
                {
                    int value = HexValue(segment[i + 1]) * 16 + HexValue(segment[i + 2]);
                    char decoded = (char)value;
                    if (value < 0x80 && IsUnreserved(decoded))
                    {
                        output.Append(decoded);
                    }
                    else
                    {
                        output.Append('%').Append(value.ToString("X2", CultureInfo.InvariantCulture));
                    }
                    i += 2;
                }
                else if (c < 0x80 && (IsUnreserved(c) || IsSubDelimiter(c) || c == '@' || (c == ':' && !first)))
                {
                    output.Append(c);
                }
                else
                {
                    int length = char.IsHighSurrogate(c) ? 2 : 1;
                    foreach (byte b in Encoding.UTF8.GetBytes(segment.Substring(i, length)))
                    {
                        output.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                    }
                    i += length - 1;
                }
            }
            return output.ToString();
        }

        private static void EnsureResolvesToItself(Uri apiUri, string path, string relative)
        {
            string expected = BaseText(apiUri) + relative;
            Uri resolved;
            try
            {
                resolved = Resolve(apiUri, relative);
            }
            catch (UriFormatException)
            {
                throw Refuse(PathProblem.ChangedWhenResolved, path, "it does not form a valid URL with the API URI. " + Advice);
            }
            if (!string.Equals(resolved.AbsoluteUri, expected, StringComparison.Ordinal))
            {
                throw Refuse(PathProblem.ChangedWhenResolved, path, "it would change when resolved against the API URI, so what is sent could differ from what was checked. " + Advice);
            }
        }

        private static bool TryPercentDecode(string text, out string decoded)
        {
            var bytes = new System.Collections.Generic.List<byte>(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '%')
                {
                    if (i + 2 >= text.Length || HexValue(text[i + 1]) < 0 || HexValue(text[i + 2]) < 0)
                    {
                        decoded = string.Empty;
                        return false;
                    }
                    bytes.Add((byte)(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
                    i += 2;
                }
                else
                {
                    int length = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
                    bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, length)));
                    i += length - 1;
                }
            }
            decoded = Encoding.UTF8.GetString(bytes.ToArray());
            return true;
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            return -1;
        }

        private static bool IsUnreserved(char c) =>
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';

        private static bool IsSubDelimiter(char c) => "!$&'()*+,;=".IndexOf(c) >= 0;

        private static ApiPathRefusedException Refuse(PathProblem problem, string path, string reason) =>
            new ApiPathRefusedException(problem, $"-Path '{Printable(path)}' is refused and nothing was sent: {reason}");

        /// <summary>The path as it can be shown: control characters as U+XXXX, long input shortened.</summary>
        private static string Printable(string path)
        {
            var text = new StringBuilder();
            foreach (char c in path.Length > 200 ? path.Substring(0, 200) + "..." : path)
            {
                if (char.IsControl(c) || c == '\u2028' || c == '\u2029')
                {
                    text.Append("U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    text.Append(c);
                }
            }
            return text.ToString();
        }
    }
}
