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
            var request = new ApiRequest(HttpMethod.Get, Base, RetrySafety.Idempotent);
            var response = await SendAsync(request, "Listing domains", null, sink, cancellationToken).ConfigureAwait(false);
            var body = Parse(response, "Listing domains", null, DomainJson.DeserializeListDomains);
            return (body.Domains ?? Array.Empty<DomainSummary?>())
                .Where(d => d != null)
                .Select(d => DomainMapper.FromSummary(d!))
                .ToList();
        }

        public async Task<Domain> GetAsync(string domain, IApiEventSink? sink = null, CancellationToken cancellationToken = default)
        {
            string name = HostName.Normalize(domain);
            var request = new ApiRequest(HttpMethod.Get, PathOf(name), RetrySafety.Idempotent);
            var response = await SendAsync(request, $"Getting {name}", name, sink, cancellationToken).ConfigureAwait(false);
            var body = Parse(response, $"Getting {name}", name, DomainJson.DeserializeDomain);
            return DomainMapper.FromInfo(RequireDomain(body.Domain, response, $"Getting {name}", name), null, null);
        }

        /// <summary>Adds a custom domain. This can change the account's bill.</summary>
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
                return await ReconcileCreateAsync(name, e.WithTarget(name), sink, cancellationToken).ConfigureAwait(false);
            }
            if (IsFailure(response))
            {
                var error = ApiErrorTranslator.FromResponse(response, request, operation, name);
                if (error.Kind == FailureKind.OutcomeUnknown)
                {
                    return await ReconcileCreateAsync(name, error, sink, cancellationToken).ConfigureAwait(false);
                }
                throw Explain(error, name);
            }
            var body = Parse(response, operation, name, DomainJson.DeserializeDomain);
            return DomainMapper.FromInfo(RequireDomain(body.Domain, response, operation, name), body.Message, null);
        }

        /// <summary>Runs FunnelFlux's routing and TLS check for a domain.</summary>
        public async Task<DomainCheck> CheckAsync(string domain, IApiEventSink? sink = null, CancellationToken cancellationToken = default)
        {
            string name = HostName.Normalize(domain);
            // The check changes nothing (it is rate limited and audited), so it may be repeated.
            var request = new ApiRequest(HttpMethod.Post, Base + "/check", RetrySafety.Idempotent, DomainJson.Serialize(new CheckDomainRequest(name)));
            var response = await _session.SendAsync(request, sink, cancellationToken).ConfigureAwait(false);
            // A check that ran and found problems answers success false with its findings: that is a
            // result, not a failure. Only a non-2xx or an error code means the check could not run.
            if (!response.IsSuccessStatus || !string.IsNullOrEmpty(ApiErrorTranslator.TryReadEnvelope(response)?.ErrorCode))
            {
                throw Explain(ApiErrorTranslator.FromResponse(response, request, $"Checking {name}", name), name);
            }
            var body = Parse(response, $"Checking {name}", name, DomainJson.DeserializeCheckDomain);
            return DomainMapper.FromCheck(body, name);
        }

        /// <summary>Fetches fresh Cloudflare status and the routing check; the domain comes back with LastCheck set.</summary>
        public async Task<Domain> RefreshAsync(string domain, IApiEventSink? sink = null, CancellationToken cancellationToken = default)
        {
            string name = HostName.Normalize(domain);
            string operation = $"Refreshing {name}";
            // Refresh only reads Cloudflare's status and runs the check: safe to repeat.
            var request = new ApiRequest(HttpMethod.Post, PathOf(name) + "/refresh", RetrySafety.Idempotent);
            var response = await SendAsync(request, operation, name, sink, cancellationToken).ConfigureAwait(false);
            var body = Parse(response, operation, name, DomainJson.DeserializeRefreshDomain);
            var check = body.Check == null ? null : DomainMapper.FromCheck(body.Check, name);
            return DomainMapper.FromInfo(RequireDomain(body.Domain, response, operation, name), null, check);
        }

        /// <summary>Deletes a custom domain. This can change the account's bill. Returns the server's message.</summary>
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
                return await ReconcileDeleteAsync(name, e.WithTarget(name), sink, cancellationToken).ConfigureAwait(false);
            }
            if (IsFailure(response))
            {
                var error = ApiErrorTranslator.FromResponse(response, request, operation, name);
                if (error.Kind == FailureKind.OutcomeUnknown)
                {
                    return await ReconcileDeleteAsync(name, error, sink, cancellationToken).ConfigureAwait(false);
                }
                throw Explain(error, name);
            }
            return Parse(response, operation, name, DomainJson.DeserializeDeleteDomain).Message;
        }

        private async Task<Domain> ReconcileCreateAsync(string name, FunnelFluxException uncertain, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            sink?.Verbose($"The answer to adding {name} was lost; reading the domain back to learn whether FunnelFlux added it.");
            try
            {
                var found = await GetAsync(name, sink, cancellationToken).ConfigureAwait(false);
                found.Message = "Added. (The first answer was lost; the domain was read back to confirm it exists.)";
                return found;
            }
            catch (FunnelFluxException e) when (e.Kind == FailureKind.NotFound)
            {
                throw new FunnelFluxException(
                    "DomainNotAdded",
                    FailureKind.Connection,
                    $"Adding {name} failed: the answer was lost, and reading the domain back shows FunnelFlux did not add it.",
                    $"It is safe to run New-FFDomain {name} again.",
                    uncertain.StatusCode,
                    uncertain.ApiErrorCode,
                    name,
                    uncertain);
            }
            catch (FunnelFluxException)
            {
                throw uncertain;
            }
        }

        private async Task<string?> ReconcileDeleteAsync(string name, FunnelFluxException uncertain, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            sink?.Verbose($"The answer to removing {name} was lost; reading the domain back to learn whether FunnelFlux removed it.");
            try
            {
                await GetAsync(name, sink, cancellationToken).ConfigureAwait(false);
            }
            catch (FunnelFluxException e) when (e.Kind == FailureKind.NotFound)
            {
                return "Removed. (The first answer was lost; reading the domain back shows it is gone.)";
            }
            catch (FunnelFluxException)
            {
                throw uncertain;
            }
            throw new FunnelFluxException(
                "DomainNotRemoved",
                FailureKind.Connection,
                $"Removing {name} failed: the answer was lost, and reading the domain back shows it still exists.",
                $"It is safe to run Remove-FFDomain {name} again.",
                uncertain.StatusCode,
                uncertain.ApiErrorCode,
                name,
                uncertain);
        }

        private async Task<ApiResponse> SendAsync(ApiRequest request, string operation, string? target, IApiEventSink? sink, CancellationToken cancellationToken)
        {
            var response = await _session.SendAsync(request, sink, cancellationToken).ConfigureAwait(false);
            if (IsFailure(response))
            {
                throw Explain(ApiErrorTranslator.FromResponse(response, request, operation, target), target);
            }
            return response;
        }

        private static bool IsFailure(ApiResponse response) =>
            ApiErrorTranslator.IsFailure(response, ApiErrorTranslator.TryReadEnvelope(response));

        /// <summary>Domain-specific advice for the errors a domain command meets most.</summary>
        private static FunnelFluxException Explain(FunnelFluxException error, string? name)
        {
            string? advice;
            switch (error.Kind)
            {
                case FailureKind.NotFound:
                    advice = $"The account has no domain named {name}. Run Get-FFDomain to list the account's domains.";
                    break;
                case FailureKind.AlreadyExists:
                    advice = $"{name} is already in this account; nothing was added. Run Get-FFDomain {name} to see it and its DNS records.";
                    break;
                case FailureKind.PermissionDenied:
                    advice = $"{name} is registered to another FunnelFlux account. Remove it there first, or contact FunnelFlux support if it is yours.";
                    break;
                default:
                    return error;
            }
            return new FunnelFluxException(error.ErrorId, error.Kind, error.Message, advice, error.StatusCode, error.ApiErrorCode, name ?? error.Target, error.InnerException);
        }

        private static T Parse<T>(ApiResponse response, string operation, string? target, Func<string, T> parse)
        {
            try
            {
                return parse(response.Body);
            }
            catch (JsonException e)
            {
                throw ApiErrorTranslator.InvalidBody(response, operation, target, e);
            }
        }

        private static DomainInfo RequireDomain(DomainInfo? info, ApiResponse response, string operation, string name) =>
            info ?? throw ApiErrorTranslator.InvalidBody(response, operation, name, null);

        private static string PathOf(string normalizedName) => Base + "/" + HostName.ToPathSegment(normalizedName);
    }
}
