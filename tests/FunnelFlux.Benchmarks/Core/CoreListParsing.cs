using FunnelFlux.Domains;
using FunnelFlux.Domains.Wire;
using FunnelFlux.Http;

namespace FunnelFlux.Benchmarks.Core;

/// <summary>
/// The core's list path after the bytes have arrived, without a request: read the answer from its
/// UTF-8 bytes as DomainsClient.ListAsync does, then DomainsClient.MapList, the very code the
/// client runs on every summary.
/// </summary>
internal static class CoreListParsing
{
    public static IReadOnlyList<Domain> ParseAndMap(byte[] utf8)
    {
        var response = Answer(utf8);
        return DomainsClient.MapList(response, DomainJson.Read(response, DomainJsonContext.Default.ListDomainsResponse));
    }

    /// <summary>Deserialize only: the share of the time that is not mapping.</summary>
    public static ListDomainsResponse Deserialize(byte[] utf8) =>
        DomainJson.Read(Answer(utf8), DomainJsonContext.Default.ListDomainsResponse);

    private static ApiResponse Answer(byte[] utf8) =>
        new ApiResponse(200, "OK", new BodyBytes(utf8, utf8.Length), "application/json", null);
}
