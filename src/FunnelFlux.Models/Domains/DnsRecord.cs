namespace FunnelFlux
{
    /// <summary>
    /// A DNS record the user must create for a custom domain. Type, Name and Value are named as
    /// DNS provider cmdlets name their parameters, so the object pipes into them by property name.
    /// </summary>
    public sealed class DnsRecord
    {
        internal DnsRecord(string type, string name, string value, string purpose, string domain)
        {
            Type = type;
            Name = name;
            Value = value;
            Purpose = purpose;
            Domain = domain;
        }

        /// <summary>The record type in upper case, e.g. "TXT".</summary>
        public string Type { get; }

        /// <summary>The record's full name, as FunnelFlux sent it.</summary>
        public string Name { get; }

        public string Value { get; }

        /// <summary>Why the record is needed, e.g. "SSL certificate validation".</summary>
        public string Purpose { get; }

        /// <summary>The custom domain the record belongs to.</summary>
        public string Domain { get; }

        public override string ToString() => $"{Type} {Name} {Value}";
    }
}
