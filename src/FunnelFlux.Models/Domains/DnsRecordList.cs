using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace FunnelFlux
{
    /// <summary>
    /// The DNS records of a domain. It enumerates, pipes and converts to JSON like an array, and
    /// reads as one line of text ("TXT name value; TXT name value") where PowerShell turns a
    /// property into a single string: Export-Csv and ConvertTo-Csv call ToString on each value,
    /// and an array would show only its type name there.
    /// </summary>
    public sealed class DnsRecordList : ReadOnlyCollection<DnsRecord>
    {
        /// <summary>A new empty list, never a shared one (see <see cref="TextList.CreateEmpty"/>).</summary>
        internal static DnsRecordList CreateEmpty() => new DnsRecordList(Array.Empty<DnsRecord>());

        internal DnsRecordList(IList<DnsRecord> records)
            : base(records)
        {
        }

        /// <summary>The number of records, under the name arrays use, so scripts written for an array keep working.</summary>
        public int Length => Count;

        public override string ToString() => string.Join("; ", this.Select(r => r.ToString()));

        /// <summary>The core builds records as an array; the list keeps its own copy.</summary>
        public static implicit operator DnsRecordList(DnsRecord[]? records) =>
            records is null || records.Length == 0 ? CreateEmpty() : new DnsRecordList((DnsRecord[])records.Clone());
    }
}
