using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FunnelFlux.Domains.Wire;
using FunnelFlux.Http;

namespace FunnelFlux.Domains
{
    /// <summary>
    /// Reads and writes the Domains API's JSON. Every reader throws <see cref="JsonException"/>
    /// for malformed JSON, a wrong shape, or a bare <c>null</c>; callers turn that into a user error.
    /// </summary>
    internal static class DomainJson
    {
        public static ListDomainsResponse DeserializeListDomains(string json) =>
            Read(json, DomainJsonContext.Default.ListDomainsResponse);

        /// <summary>The answer of create and of get details.</summary>
        public static DomainResponse DeserializeDomain(string json) =>
            Read(json, DomainJsonContext.Default.DomainResponse);

        public static DeleteDomainResponse DeserializeDeleteDomain(string json) =>
            Read(json, DomainJsonContext.Default.DeleteDomainResponse);

        public static RefreshDomainResponse DeserializeRefreshDomain(string json) =>
            Read(json, DomainJsonContext.Default.RefreshDomainResponse);

        public static CheckDomainResponse DeserializeCheckDomain(string json) =>
            Read(json, DomainJsonContext.Default.CheckDomainResponse);

        /// <summary>
        /// Reads an answer: from its UTF-8 bytes when it came as UTF-8 (no text is made, which is
        /// most of the cost of a long list), from its text otherwise.
        /// </summary>
        public static T Read<T>(ApiResponse response, JsonTypeInfo<T> typeInfo) where T : class
        {
            if (response.TryGetUtf8Body(out var utf8))
            {
                return JsonSerializer.Deserialize(utf8.Span, typeInfo) ?? throw NullAnswer<T>();
            }
            return Read(response.Body, typeInfo);
        }

        public static string Serialize(CreateDomainRequest request) =>
            JsonSerializer.Serialize(request, DomainJsonContext.Default.CreateDomainRequest);

        public static string Serialize(CheckDomainRequest request) =>
            JsonSerializer.Serialize(request, DomainJsonContext.Default.CheckDomainRequest);

        private static T Read<T>(string json, JsonTypeInfo<T> typeInfo) where T : class
        {
            if (json is null)
            {
                throw new ArgumentNullException(nameof(json));
            }
            return JsonSerializer.Deserialize(json, typeInfo) ?? throw NullAnswer<T>();
        }

        private static JsonException NullAnswer<T>() =>
            new JsonException($"The API answered with JSON null where a {typeof(T).Name} object was expected.");
    }
}
