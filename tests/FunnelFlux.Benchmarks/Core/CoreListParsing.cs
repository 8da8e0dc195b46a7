using System.Text;
using FunnelFlux.Domains;
using FunnelFlux.Domains.Wire;

namespace FunnelFlux.Benchmarks.Core;

/// <summary>
/// The core's list path after the bytes have arrived, without a request: decode, deserialize the
/// envelope, map every summary to a Domain. It follows DomainsClient.ListAsync step for step;
/// should that change, change this with it, or the benchmark times the wrong thing.
/// </summary>
internal static class CoreListParsing
{
    public static IReadOnlyList<Domain> ParseAndMap(byte[] utf8)
    {
        ListDomainsResponse body = Deserialize(utf8);
        return (body.Domains ?? Array.Empty<DomainSummary?>())
            .Where(d => d != null)
            .Select(d => DomainMapper.FromSummary(d!))
            .ToList();
    }

    /// <summary>Decode and deserialize only: the share of the time that is not mapping.</summary>
    public static ListDomainsResponse Deserialize(byte[] utf8) =>
        DomainJson.DeserializeListDomains(Encoding.UTF8.GetString(utf8));
}
