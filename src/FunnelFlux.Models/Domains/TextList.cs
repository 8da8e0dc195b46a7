using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace FunnelFlux
{
    /// <summary>
    /// A list of messages (a domain's verification errors). It enumerates, pipes and converts to
    /// JSON like a string array, and reads as one line of text ("first; second") where PowerShell
    /// turns a property into a single string (Export-Csv), where an array shows only its type name.
    /// </summary>
    public sealed class TextList : ReadOnlyCollection<string>
    {
        /// <summary>
        /// A new empty list, never a shared one: PowerShell keeps a member added to an object with
        /// that object, so one shared instance would carry a note added to one domain's list into all.
        /// </summary>
        internal static TextList CreateEmpty() => new TextList(Array.Empty<string>());

        internal TextList(IList<string> items)
            : base(items)
        {
        }

        /// <summary>The number of messages, under the name arrays use, so scripts written for an array keep working.</summary>
        public int Length => Count;

        public override string ToString() => string.Join("; ", this);

        /// <summary>The core builds the messages as an array; the list keeps its own copy.</summary>
        public static implicit operator TextList(string[]? items) =>
            items is null || items.Length == 0 ? CreateEmpty() : new TextList((string[])items.Clone());
    }
}
