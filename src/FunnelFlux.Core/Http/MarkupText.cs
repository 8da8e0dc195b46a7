using System;
using System.Text;

namespace FunnelFlux.Http
{
    /// <summary>
    /// The readable text of an HTML page (a proxy's or load balancer's error page), for an error
    /// message to quote: script and style blocks and every tag become a space, and each run of
    /// white space one space. Linear in the length of the text whatever it holds: the regular
    /// expressions this replaces rescanned the rest of the page for every unclosed &lt;script&gt;
    /// (two minutes for 250 KB of them when this was written, four times as long for each doubling).
    /// </summary>
    internal static class MarkupText
    {
        /// <summary>
        /// The text of <paramref name="page"/>, trimmed; a text without a '&lt;' is returned as it is.
        /// What it keeps is what these replacements, one after the other, would keep:
        /// <c>&lt;(script|style)[^&gt;]*&gt;.*?&lt;/\1&gt;</c> (any case, across lines), then
        /// <c>&lt;[^&gt;]+&gt;</c>, then <c>\s+</c>, each by one space.
        /// </summary>
        public static string Strip(string page)
        {
            if (page is null)
            {
                throw new ArgumentNullException(nameof(page));
            }
            if (page.IndexOf('<') < 0)
            {
                return page;
            }
            return CollapseWhiteSpace(RemoveTags(RemoveBlocks(page)));
        }

        /// <summary>Each &lt;script ...&gt;...&lt;/script&gt; and &lt;style ...&gt;...&lt;/style&gt; block becomes one space.</summary>
        private static string RemoveBlocks(string text)
        {
            StringBuilder? kept = null;
            int copied = 0;
            // The first '>' at or after the place last asked about: positions only move forward,
            // so it stays the answer until they pass it, and no stretch is searched twice.
            int nextGreater = -2;
            // Once a closing tag is not found from some place on, it is not found from any later place.
            bool scriptsClose = true;
            bool stylesClose = true;
            int open = text.IndexOf('<');
            while (open >= 0)
            {
                string? name = BlockNameAt(text, open + 1);
                bool isScript = name == "script";
                if (name != null && (isScript ? scriptsClose : stylesClose))
                {
                    int afterName = open + 1 + name.Length;
                    if (nextGreater != -1 && nextGreater < afterName)
                    {
                        nextGreater = text.IndexOf('>', afterName);
                    }
                    if (nextGreater == -1)
                    {
                        break; // no '>' anywhere further on: no block can start here or later
                    }
                    int close = text.IndexOf("</" + name + ">", nextGreater + 1, StringComparison.OrdinalIgnoreCase);
                    if (close >= 0)
                    {
                        kept ??= new StringBuilder(text.Length);
                        kept.Append(text, copied, open - copied).Append(' ');
                        copied = close + name.Length + 3;
                        open = copied < text.Length ? text.IndexOf('<', copied) : -1;
                        continue;
                    }
                    if (isScript)
                    {
                        scriptsClose = false;
                    }
                    else
                    {
                        stylesClose = false;
                    }
                }
                open = text.IndexOf('<', open + 1);
            }
            if (kept == null)
            {
                return text;
            }
            kept.Append(text, copied, text.Length - copied);
            return kept.ToString();
        }

        /// <summary>"script" or "style" when the text at <paramref name="at"/> starts with one (any case).</summary>
        private static string? BlockNameAt(string text, int at)
        {
            // A shorter rest of the text compares unequal, so no length check is needed.
            if (string.Compare(text, at, "script", 0, 6, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return "script";
            }
            if (string.Compare(text, at, "style", 0, 5, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return "style";
            }
            return null;
        }

        /// <summary>Each '&lt;' followed by at least one character and then '&gt;' becomes one space, up to that '&gt;'.</summary>
        private static string RemoveTags(string text)
        {
            StringBuilder? kept = null;
            int copied = 0;
            int open = text.IndexOf('<');
            while (open >= 0)
            {
                int close = text.IndexOf('>', open + 1);
                if (close < 0)
                {
                    break; // no tag can end any more: the rest stays as it is
                }
                if (close > open + 1)
                {
                    kept ??= new StringBuilder(text.Length);
                    kept.Append(text, copied, open - copied).Append(' ');
                    copied = close + 1;
                    open = copied < text.Length ? text.IndexOf('<', copied) : -1;
                }
                else
                {
                    open = text.IndexOf('<', close); // "<>" is no tag
                }
            }
            if (kept == null)
            {
                return text;
            }
            kept.Append(text, copied, text.Length - copied);
            return kept.ToString();
        }

        private static string CollapseWhiteSpace(string text)
        {
            var kept = new StringBuilder(text.Length);
            bool inBlank = false;
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    inBlank = true;
                    continue;
                }
                if (inBlank && kept.Length > 0)
                {
                    kept.Append(' ');
                }
                inBlank = false;
                kept.Append(c);
            }
            return kept.ToString();
        }
    }
}
