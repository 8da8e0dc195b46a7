using System;
using System.Collections.Generic;
using System.Threading;

namespace FunnelFlux
{
    /// <summary>
    /// A custom domain of the FunnelFlux account. Built from the list (a summary, possibly with
    /// stale status) or from a details, create or refresh answer (<see cref="IsDetailed"/>).
    /// Its public properties are what a user filters, sorts, exports and converts to JSON; the
    /// bookkeeping behind them stays internal, and fields this version does not know are kept for
    /// <see cref="GetAdditionalProperties"/>.
    /// </summary>
    public sealed class Domain
    {
        // An empty list is made on first read, one per domain (so a member added to it stays on
        // that domain's), and a listed domain nobody looks into costs no list at all.
        private TextList? _verificationErrors;
        private DnsRecordList? _dnsRecords;

        internal Domain(string name)
        {
            Name = name;
        }

        /// <summary>The hostname (the API's <c>domain</c> field).</summary>
        public string Name { get; }

        public string? Id { get; internal set; }

        /// <summary>The owning user as FunnelFlux identifies them; only in detailed answers.</summary>
        public string? Owner { get; internal set; }

        public string? CloudflareId { get; internal set; }

        /// <summary>The hostname status as sent, e.g. "pending" or "active"; may be empty in the list.</summary>
        public string? Status { get; internal set; }

        /// <summary>The certificate status as sent, e.g. "pending_validation" or "active".</summary>
        public string? SslStatus { get; internal set; }

        /// <summary>
        /// Active hostname and certificate, and, when a routing check came with the answer, that
        /// check found the domain with a valid certificate.
        /// </summary>
        public bool IsReady =>
            DomainStatus.IsActive(Status) && DomainStatus.IsActive(SslStatus) &&
            (LastCheck is null || (LastCheck.Found && LastCheck.SslValid));

        /// <summary>When the domain was added; null when the API's text could not be read as a time (see <see cref="GetAdditionalProperties"/>).</summary>
        public DateTimeOffset? CreatedAt { get; internal set; }

        /// <summary>The creation time exactly as the API sent it, when it could not be read as a time (its format is undocumented).</summary>
        internal string? CreatedAtText { get; set; }

        /// <summary>Cloudflare's complaints about the domain's DNS, if any; one line of text in a CSV.</summary>
        public TextList VerificationErrors
        {
            get => _verificationErrors ?? LazyInitializer.EnsureInitialized(ref _verificationErrors, TextList.CreateEmpty)!;
            internal set => _verificationErrors = value;
        }

        /// <summary>The records the user must create at their DNS provider; empty in list answers; one line of text in a CSV.</summary>
        public DnsRecordList DnsRecords
        {
            get => _dnsRecords ?? LazyInitializer.EnsureInitialized(ref _dnsRecords, DnsRecordList.CreateEmpty)!;
            internal set => _dnsRecords = value;
        }

        public string? Subdomain { get; internal set; }

        public string? RootDomain { get; internal set; }

        /// <summary>The routing check that came with a refresh answer, if any.</summary>
        public DomainCheck? LastCheck { get; internal set; }

        /// <summary>The API's message with the answer, e.g. after a create.</summary>
        public string? Message { get; internal set; }

        /// <summary>True when built from a details, create or refresh answer rather than the list.</summary>
        internal bool IsDetailed { get; set; }

        /// <summary>Fields the API sent that this version does not know, as raw JSON text by field name.</summary>
        internal IReadOnlyDictionary<string, string> AdditionalProperties { get; set; } = EmptyProperties.Instance;

        /// <summary>
        /// The fields FunnelFlux sent that this version of the module does not know (a nested
        /// object's fields as "object.field"), and created_at when it could not be read as a time,
        /// each as raw JSON text by field name. A method rather than a property, so that these
        /// stay out of Select-Object *, Format-List *, ConvertTo-Json and Export-Csv.
        /// </summary>
        public IReadOnlyDictionary<string, string> GetAdditionalProperties() =>
            RawFields.With(AdditionalProperties, "created_at", CreatedAt is null && !string.IsNullOrEmpty(CreatedAtText) ? CreatedAtText : null);

        public override string ToString() => Name;
    }
}
