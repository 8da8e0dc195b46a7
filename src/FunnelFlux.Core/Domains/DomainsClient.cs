using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using FunnelFlux.Domains.Wire;
using FunnelFlux.Errors;
using FunnelFlux.Http;

namespace FunnelFlux.Domains
{
    /// <summary>
    /// The Domains API (/billing/domains) as typed operations. Every name is validated and
    /// normalised before a request is made. A create or delete whose answer is lost is not sent
    /// again: the domain is read back to learn what happened.
    /// </summary>
    public sealed class DomainsClient
    {
        private const string Base = "billing/domains";

        private readonly ApiSession _session;

        internal DomainsClient(ApiSession session) => _session = session;

        public async Task<IReadOnlyList<Domain>> ListAsync(IApiEventSink? sink = null, CancellationToken cancellationToken = default)
        {
            // A long list is read into a rented buffer: the domains copy what they keep, so the
            // buffer goes back as soon as they are made. A failure keeps it (its error may quote it).
            var request = new ApiRequest(HttpMethod.Get, Base, RetrySafety.Idempotent) { MayRentBody = true };
            var (response, body) = await ReadAnswerAsync(request, "Listing domains", null, DomainJsonContext.Default.ListDomainsResponse, sink, cancellationToken).ConfigureAwait(false);
            var domains = MapList(response, body);
            response.ReturnBody();
            return domains;
        }

        /// <summary>The domains of a list answer, each checked and mapped (the benchmark times exactly this).</summary>
        internal static IReadOnlyList<Domain> MapList(ApiResponse response, ListDomainsResponse body)
        {
            // An empty account answers an empty list; an answer without one is not an empty account.
            if (body.Domains == null)
            {
                throw ApiErrorTranslator.UnexpectedAnswer(response, "Listing domains", null, "the answer has no \"domains\" list");
            }
            var domains = new List<Domain>(body.Domains.Length);
            foreach (var summary in body.Domains)
            {
                if (summary == null || string.IsNullOrWhiteSpace(summary.Domain))
                {
                    throw ApiErrorTranslator.UnexpectedAnswer(response, "Listing domains", null, "an entry of its \"domains\" list has no domain name");
                }
                domains.Add(DomainMapper.FromSummary(summary));
            }
            return domains;
        }

        public async Task<Domain> GetAsync(string domain, IApiEventSink? sink = null, CancellationToken cancellationToken = default)
        {
            string name = HostName.Normalize(domain);
            var request = new ApiRequest(HttpMethod.Get, PathOf(name), RetrySafety.Idempotent);
            var (response, body) = await ReadAnswerAsync(request, $"Getting {name}", name, DomainJsonContext.Default.DomainResponse, sink, cancellationToken).ConfigureAwait(false);
            return DomainMapper.FromInfo(RequireDomain(body.Domain, response, $"Getting {name}", name), null, null);
        }

        /// <summary>
        /// Adds a custom domain. This can change the account's bill, so the request is on the wire
        /// once: when its answer is lost or cannot be read, the domain is read back instead.
        /// </summary>
        public async Task<Domain> CreateAsync(string domain, IApiEventSink? sink = null, CancellationToken cancellationToken = default)
        {
            string name = HostName.Normalize(domain);
            string operation = $"Adding {name}";
            var request = new ApiRequest(HttpMethod.Post, Base, RetrySafety.OnlyIfNotActedOn, DomainJson.Serialize(new CreateDomainRequest(name)));
            ApiResponse response;
            try
            {
                response = await _session.SendAsync(request, sink, cancellationToken).ConfigureAwait(false);
            }
            catch (FunnelFluxException e) when (e.Kind == FailureKind.OutcomeUnknown)
            {
                return await ReconcileCreateAsync(name, e.WithTarget(name), LostAnswer.Of(e), sink, cancellationToken).ConfigureAwait(false);
            }
            if (IsFailure(response))
            {
                var error = ApiErrorTranslator.FromResponse(response, request, operation, name);
                if (error.Kind == FailureKind.OutcomeUnknown)
                {
                    return await ReconcileCreateAsync(name, error, LostAnswer.Of(response), sink, cancellationToken).ConfigureAwait(false);
                }
                throw Explain(error, name);
            }
            DomainResponse body;
            try
            {
                body = DomainJson.DeserializeDomain(response.Body);
            }
            catch (JsonException e)
            {
                // The server answered success, so it acted; only its answer is unreadable.
                var unreadable = ApiErrorTranslator.InvalidBody(response, operation, name, e);
                return await ReconcileCreateAsync(name, unreadable, LostAnswer.Unreadable(response), sink, cancellationToken).ConfigureAwait(false);
            }
            var info = RequireDomain(body.Domain, response, operation, name,
                $"It may have been added all the same: run Get-FFDomain {name} to see whether it is in the account before trying again.");
            return DomainMapper.FromInfo(info, body.Message, null);
        }

        /// <summary>Runs FunnelFlux's routing and TLS check for a domain.</summary>
        public async Task<DomainCheck> CheckAsync(string domain, IApiEventSink? sink = null, CancellationToken cancellationToken = default)
        {
            string name = HostName.Normalize(domain);
            // The check changes nothing (it is rate limited and audited), so it may be repeated.
            var request = new ApiRequest(HttpMethod.Post, Base + "/check", RetrySafety.Idempotent, DomainJson.Serialize(new CheckDomainRequest(name)));
            ApiResponse response;
            try
            {
                response = await _session.SendAsync(request, sink, cancellationToken).ConfigureAwait(false);
            }
            catch (FunnelFluxException e) when (e.Target == null)
            {
                // The domain travels in the body, so the address in the message does not name it.
                throw e.Retold(name, $"Checking {name}: {e.Message}");
            }
            // A check that ran and found problems answers success false with its findings: that is a
            // result, not a failure. Only a non-2xx or an error code means the check could not run.
            if (!response.IsSuccessStatus || !string.IsNullOrEmpty(ApiErrorTranslator.TryReadEnvelope(response)?.ErrorCode))
            {
                throw Explain(ApiErrorTranslator.FromResponse(response, request, $"Checking {name}", name), name);
            }
            var body = Parse(response, $"Checking {name}", name, r => DomainJson.Read(r, DomainJsonContext.Default.CheckDomainResponse));
            return DomainMapper.FromCheck(body, name);
        }

        /// <summary>Fetches fresh Cloudflare status and the routing check; the domain comes back with LastCheck set.</summary>
        public async Task<Domain> RefreshAsync(string domain, IApiEventSink? sink = null, CancellationToken cancellationToken = default)
        {
            string name = HostName.Normalize(domain);
            string operation = $"Refreshing {name}";
            // Refresh only reads Cloudflare's status and runs the check: safe to repeat.
            var request = new ApiRequest(HttpMethod.Post, PathOf(name) + "/refresh", RetrySafety.Idempotent);
            var (response, body) = await ReadAnswerAsync(request, operation, name, DomainJsonContext.Default.RefreshDomainResponse, sink, cancellationToken).ConfigureAwait(false);
            var check = body.Check == null ? null : DomainMapper.FromCheck(body.Check, name);
            return DomainMapper.FromInfo(RequireDomain(body.Domain, response, operation, name), null, check);
        }

        /// <summary>
        /// Deletes a custom domain. This can change the account's bill, so the request is on the
        /// wire once: when its answer is lost or cannot be read, the domain is read back instead.
        /// Returns the server's message.
        /// </summary>
        public async Task<string?> DeleteAsync(string domain, IApiEventSink? sink = null, CancellationToken cancellationToken = default)
        {
            string name = HostName.Normalize(domain);
            string operation = $"Removing {name}";
            var request = new ApiRequest(HttpMethod.Delete, PathOf(name), RetrySafety.OnlyIfNotActedOn);
            ApiResponse response;
            try
            {
                response = await _session.SendAsync(request, sink, cancellationToken).ConfigureAwait(false);
            }
            catch (FunnelFluxException e) when (e.Kind == FailureKind.OutcomeUnknown)
            {
                return await ReconcileDeleteAsync(name, e.WithTarget(name), LostAnswer.Of(e), sink, cancellationToken).ConfigureAwait(false);
            }
            if (IsFailure(response))
            {
                var error = ApiErrorTranslator.FromResponse(response, request, operation, name);
                if (error.Kind == FailureKind.OutcomeUnknown)
                {
                    return await ReconcileDeleteAsync(name, error, LostAnswer.Of(response), sink, cancellationToken).ConfigureAwait(false);
                }
                throw Explain(error, name);
            }
            try
            {
                return DomainJson.DeserializeDeleteDomain(response.Body).Message;
            }
            catch (JsonException e)
            {
                var unreadable = ApiErrorTranslator.InvalidBody(response, operation, name, e);
                return await ReconcileDeleteAsync(name, unreadable, LostAnswer.Unreadable(response), sink, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Message of a domain read back after a lost create answer: what is known, nothing more.</summary>
        internal const string ExistsAfterLostAnswer =
            "FunnelFlux has this domain now. The answer to adding it was lost, so whether this command added it or it was already in the account is not known.";

        private async Task<Domain> ReconcileCreateAsync(string name, FunnelFluxException uncertain, LostAnswer lost, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            sink?.Verbose($"The answer to adding {name} was lost or unreadable; reading the domain back to learn whether FunnelFlux has it.");
            Domain found;
            try
            {
                found = await GetAsync(name, sink, cancellationToken).ConfigureAwait(false);
            }
            catch (FunnelFluxException e) when (e.Kind == FailureKind.NotFound && lost.MayStillAct)
            {
                throw StillWorking(name, $"Adding {name}", uncertain, lost,
                    "reading the domain back right after found it not there yet, but FunnelFlux may still be adding it",
                    $"Wait a minute, then run Get-FFDomain {name}; run New-FFDomain {name} again only if it is still not there.");
            }
            catch (FunnelFluxException e) when (e.Kind == FailureKind.NotFound)
            {
                throw new FunnelFluxException(
                    "DomainNotAdded",
                    FailureKind.Connection,
                    $"Adding {name} failed: {lost.What}. Reading the domain back shows FunnelFlux did not add it.",
                    $"Nothing was added, so it is safe to run New-FFDomain {name} again{lost.AfterTheReason}.",
                    uncertain.StatusCode,
                    uncertain.ApiErrorCode,
                    name,
                    uncertain);
            }
            catch (FunnelFluxException e)
            {
                throw OutcomeUnknown(name, $"Adding {name}", uncertain, e,
                    $"Run Get-FFDomain {name} to see whether it was added before trying again; run New-FFDomain {name} again only if it is not there.");
            }
            found.Message = ExistsAfterLostAnswer;
            return found;
        }

        private async Task<string?> ReconcileDeleteAsync(string name, FunnelFluxException uncertain, LostAnswer lost, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            sink?.Verbose($"The answer to removing {name} was lost or unreadable; reading the domain back to learn whether FunnelFlux removed it.");
            try
            {
                await GetAsync(name, sink, cancellationToken).ConfigureAwait(false);
            }
            catch (FunnelFluxException e) when (e.Kind == FailureKind.NotFound)
            {
                return "The account no longer has it. (The answer to removing it was lost; the domain was read back.)";
            }
            catch (FunnelFluxException e)
            {
                throw OutcomeUnknown(name, $"Removing {name}", uncertain, e,
                    $"Run Get-FFDomain {name} to see whether it is still there before trying again.");
            }
            if (lost.MayStillAct)
            {
                throw StillWorking(name, $"Removing {name}", uncertain, lost,
                    "reading the domain back right after found it still there, but FunnelFlux may still be removing it",
                    $"Wait a minute, then run Get-FFDomain {name}; run Remove-FFDomain {name} again only if it is still there.");
            }
            throw new FunnelFluxException(
                "DomainNotRemoved",
                FailureKind.Connection,
                $"Removing {name} failed: {lost.What}. Reading the domain back shows it still exists.",
                $"Nothing was removed, so it is safe to run Remove-FFDomain {name} again{lost.AfterTheReason}.",
                uncertain.StatusCode,
                uncertain.ApiErrorCode,
                name,
                uncertain);
        }

        /// <summary>
        /// No answer in time (or a gateway that gave up waiting): the server may still be at work,
        /// so a read-back made at once that finds nothing changed proves nothing.
        /// </summary>
        private static FunnelFluxException StillWorking(string name, string operation, FunnelFluxException uncertain, LostAnswer lost, string readBack, string advice) =>
            new FunnelFluxException(
                "OperationOutcomeUnknown",
                FailureKind.OutcomeUnknown,
                $"{operation}: the outcome is unknown. {Capitalized(lost.What)}, and {readBack}. The request was not repeated, to avoid doing it twice.",
                advice,
                uncertain.StatusCode,
                uncertain.ApiErrorCode,
                name,
                uncertain);

        private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

        /// <summary>Neither the changing request's answer nor the read-back told what happened.</summary>
        private static FunnelFluxException OutcomeUnknown(string name, string operation, FunnelFluxException uncertain, FunnelFluxException readBack, string advice) =>
            new FunnelFluxException(
                "OperationOutcomeUnknown",
                FailureKind.OutcomeUnknown,
                $"{operation}: the outcome is unknown. {Sentence(uncertain.Message)} Reading the domain back to learn what happened failed too: {Sentence(readBack.Message)} " +
                "The request was not repeated, to avoid doing it twice.",
                advice,
                uncertain.StatusCode,
                uncertain.ApiErrorCode,
                name,
                uncertain);

        private static string Sentence(string text) => text.TrimEnd().EndsWith(".", StringComparison.Ordinal) ? text.TrimEnd() : text.TrimEnd() + ".";

        /// <summary>
        /// Sends a read and reads its answer once: a failure by status, or by an envelope that says
        /// success false, is an error; a body that is not the JSON expected is InvalidResult.
        /// </summary>
        private async Task<(ApiResponse Response, T Body)> ReadAnswerAsync<T>(
            ApiRequest request, string operation, string? target, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, IApiEventSink? sink, CancellationToken cancellationToken)
            where T : Http.Wire.ApiEnvelope
        {
            var response = await _session.SendAsync(request, sink, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatus)
            {
                throw Explain(ApiErrorTranslator.FromResponse(response, request, operation, target), target);
            }
            T body = Parse(response, operation, target, r => DomainJson.Read(r, typeInfo));
            if (body.Success == false)
            {
                throw Explain(ApiErrorTranslator.FromResponse(response, request, operation, target), target);
            }
            return (response, body);
        }

        private static bool IsFailure(ApiResponse response) =>
            ApiErrorTranslator.IsFailure(response, ApiErrorTranslator.TryReadEnvelope(response));

        /// <summary>Domain-specific advice for the errors a domain command meets most.</summary>
        private static FunnelFluxException Explain(FunnelFluxException error, string? name)
        {
            if (name == null)
            {
                return error;
            }
            string? advice;
            switch (error.Kind)
            {
                case FailureKind.NotFound:
                    advice = $"The account has no domain named {name}. Run Get-FFDomain to list the account's domains.";
                    break;
                case FailureKind.AlreadyExists:
                    advice = $"{name} is already in this account; nothing was added. Run Get-FFDomain {name} to see it and its DNS records.";
                    break;
                case FailureKind.PermissionDenied when ApiErrorTranslator.MeansOwnedElsewhere(error.ApiErrorCode):
                    advice = $"{name} is registered to another FunnelFlux account. Remove it there first, or contact FunnelFlux support if it is yours.";
                    break;
                default:
                    return error;
            }
            return error.Retold(name, recommendedAction: advice);
        }

        private static T Parse<T>(ApiResponse response, string operation, string? target, Func<ApiResponse, T> parse)
        {
            try
            {
                return parse(response);
            }
            catch (JsonException e)
            {
                throw ApiErrorTranslator.InvalidBody(response, operation, target, e);
            }
        }

        /// <summary>
        /// The answer's domain, if it is the one asked for. An answer without a domain, or about
        /// another one, is not believed (InvalidResult).
        /// </summary>
        private static DomainInfo RequireDomain(DomainInfo? info, ApiResponse response, string operation, string name, string? advice = null)
        {
            if (info == null)
            {
                throw ApiErrorTranslator.UnexpectedAnswer(response, operation, name, "the answer holds no domain", advice);
            }
            if (string.IsNullOrWhiteSpace(info.Domain))
            {
                throw ApiErrorTranslator.UnexpectedAnswer(response, operation, name, "the answer does not say which domain it describes", advice);
            }
            // The usual answer names the domain exactly as asked; any other spelling is normalised first.
            if (!string.Equals(info.Domain, name, StringComparison.Ordinal) &&
                (!HostName.TryNormalize(info.Domain, out string answered, out _) || !string.Equals(answered, name, StringComparison.Ordinal)))
            {
                throw ApiErrorTranslator.UnexpectedAnswer(response, operation, name,
                    $"the answer is about {HostName.Quote(info.Domain!)}, not {name}", advice);
            }
            return info;
        }

        private static string PathOf(string normalizedName) => Base + "/" + HostName.ToPathSegment(normalizedName);
    }
}
