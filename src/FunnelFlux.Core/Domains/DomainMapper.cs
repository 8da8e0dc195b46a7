using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using FunnelFlux.Domains.Wire;

namespace FunnelFlux.Domains
{
    /// <summary>Turns the API's wire objects into the public models, losing nothing the user could need.</summary>
    internal static class DomainMapper
    {
        public const string SslValidationPurpose = "SSL certificate validation";
        public const string OwnershipVerificationPurpose = "Ownership verification";

        /// <summary>A domain from the list answer: ledger data only, no DNS records.</summary>
        public static Domain FromSummary(DomainSummary summary)
        {
            if (summary is null)
            {
                throw new ArgumentNullException(nameof(summary));
            }
            var createdAt = ApiTimestamp.Parse(summary.CreatedAt);
            var domain = new Domain(summary.Domain ?? string.Empty)
            {
                Id = summary.Id,
                CloudflareId = summary.CloudflareId,
                Status = summary.Status,
                SslStatus = summary.SslStatus,
                CreatedAt = createdAt,
                CreatedAtText = UnreadTimestamp(createdAt, summary.CreatedAt),
                IsDetailed = false,
                AdditionalProperties = summary.Extra is null ? EmptyProperties.Instance : ToRawText((null, summary.Extra)),
            };
            SetVerificationErrors(domain, summary.VerificationErrors);
            return domain;
        }

        /// <summary>
        /// The API's creation-time text, kept only when it could not be read as a time (it is then
        /// shown by GetAdditionalProperties). A time that was read needs no copy of its text: in a
        /// long list that is one string fewer per domain kept alive.
        /// </summary>
        private static string? UnreadTimestamp(DateTimeOffset? createdAt, string? text) =>
            createdAt is null ? text : null;

        /// <summary>
        /// A domain from a details, create or refresh answer. <paramref name="message"/> is the
        /// answer's message (create); <paramref name="check"/> the routing check (refresh).
        /// </summary>
        public static Domain FromInfo(DomainInfo info, string? message, DomainCheck? check)
        {
            if (info is null)
            {
                throw new ArgumentNullException(nameof(info));
            }
            // Should an answer ever omit the name, the check (which knows what was asked) supplies it.
            string name = info.Domain ?? check?.Domain ?? string.Empty;
            var createdAt = ApiTimestamp.Parse(info.CreatedAt);
            var domain = new Domain(name)
            {
                Id = info.Id,
                Owner = info.Owner,
                CloudflareId = info.CloudflareId,
                Status = info.Status,
                SslStatus = info.Ssl?.Status ?? info.SslStatus,
                CreatedAt = createdAt,
                CreatedAtText = UnreadTimestamp(createdAt, info.CreatedAt),
                Subdomain = info.Parsed?.Subdomain,
                RootDomain = info.Parsed?.RootDomain,
                LastCheck = check,
                Message = message,
                IsDetailed = true,
                AdditionalProperties = info.Extra is null && info.Ssl?.Extra is null && info.OwnershipVerification?.Extra is null && info.Parsed?.Extra is null
                    ? EmptyProperties.Instance
                    : ToRawText(
                        (null, info.Extra),
                        ("ssl", info.Ssl?.Extra),
                        ("ownership_verification", info.OwnershipVerification?.Extra),
                        ("parsed", info.Parsed?.Extra)),
            };
            SetVerificationErrors(domain, info.VerificationErrors);
            List<DnsRecord> records = BuildDnsRecords(info, name);
            if (records.Count > 0)
            {
                // The list is ours alone: the public list type wraps it without a copy.
                domain.DnsRecords = new DnsRecordList(records);
            }
            return domain;
        }

        /// <summary>A check result; the answer does not name the domain, so the caller does.</summary>
        public static DomainCheck FromCheck(CheckDomainResponse response, string domain)
        {
            if (response is null)
            {
                throw new ArgumentNullException(nameof(response));
            }
            return new DomainCheck(domain ?? string.Empty)
            {
                Success = response.Success == true,
                Found = response.Found == true,
                SslValid = response.SslValid == true,
                HttpStatus = response.HttpStatus,
                SslError = response.SslError,
                ResponseTime = ToDuration(response.ResponseTimeMs),
                ErrorMessage = response.ErrorMessage,
                CheckedAt = ApiTimestamp.FromUnix(response.CheckTimestamp),
                CloudflareStatus = response.CloudflareStatus,
                CloudflareSslStatus = response.CloudflareSslStatus,
                // error_code and error_message of a failed check are the caller's to report.
                AdditionalProperties = response.Extra is null ? EmptyProperties.Instance : ToRawText((null, response.Extra)),
            };
        }

        /// <summary>The TXT record for the certificate, then the ownership record; incomplete ones are skipped.</summary>
        private static List<DnsRecord> BuildDnsRecords(DomainInfo info, string domain)
        {
            var records = new List<DnsRecord>(2);
            SslValidation? ssl = info.Ssl;
            if (ssl != null && !string.IsNullOrEmpty(ssl.TxtName) && !string.IsNullOrEmpty(ssl.TxtValue))
            {
                records.Add(new DnsRecord("TXT", ssl.TxtName!, ssl.TxtValue!, SslValidationPurpose, domain));
            }
            OwnershipVerification? ownership = info.OwnershipVerification;
            if (ownership != null && !string.IsNullOrEmpty(ownership.Name) && !string.IsNullOrEmpty(ownership.Value))
            {
                // Cloudflare's ownership verification is a TXT record; assume so if the type is missing.
                string type = string.IsNullOrWhiteSpace(ownership.Type) ? "TXT" : ownership.Type!.Trim().ToUpperInvariant();
                records.Add(new DnsRecord(type, ownership.Name!, ownership.Value!, OwnershipVerificationPurpose, domain));
            }
            return records;
        }

        private static TimeSpan? ToDuration(double? milliseconds) =>
            milliseconds is null || double.IsNaN(milliseconds.Value) || double.IsInfinity(milliseconds.Value) || milliseconds.Value < 0
                ? (TimeSpan?)null
                : TimeSpan.FromTicks((long)Math.Round(milliseconds.Value * TimeSpan.TicksPerMillisecond));

        /// <summary>
        /// The non-empty messages, wrapped without a copy (the array came from this answer alone).
        /// With none, the domain is left to make its own empty list when it is first read.
        /// </summary>
        private static void SetVerificationErrors(Domain domain, string?[]? values)
        {
            if (values is null || values.Length == 0)
            {
                return;
            }
            int kept = 0;
            foreach (string? value in values)
            {
                if (!string.IsNullOrEmpty(value)) kept++;
            }
            if (kept == values.Length)
            {
                domain.VerificationErrors = new TextList((string[])(object)values);
                return;
            }
            if (kept == 0)
            {
                return;
            }
            var result = new string[kept];
            int next = 0;
            foreach (string? value in values)
            {
                if (!string.IsNullOrEmpty(value)) result[next++] = value!;
            }
            domain.VerificationErrors = new TextList(result);
        }

        /// <summary>Unknown fields as raw JSON text; a nested object's fields are prefixed "object.".</summary>
        private static IReadOnlyDictionary<string, string> ToRawText(
            params (string? Prefix, Dictionary<string, JsonElement>? Extra)[] sources)
        {
            Dictionary<string, string>? result = null;
            foreach ((string? prefix, Dictionary<string, JsonElement>? extra) in sources)
            {
                if (extra is null)
                {
                    continue;
                }
                foreach (KeyValuePair<string, JsonElement> field in extra)
                {
                    result ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    string key = prefix is null ? field.Key : string.Format(CultureInfo.InvariantCulture, "{0}.{1}", prefix, field.Key);
                    result[key] = field.Value.GetRawText();
                }
            }
            return result is null ? EmptyProperties.Instance : new ReadOnlyDictionary<string, string>(result);
        }
    }
}
