using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FunnelFlux.Commands.Infrastructure;
using FunnelFlux.Domains;

namespace FunnelFlux.Commands
{
    /// <summary>Get-FFDomain: lists the account's custom domains, or gets them by name or wildcard.</summary>
    [Cmdlet(VerbsCommon.Get, "FFDomain")]
    [OutputType(typeof(Domain))]
    public sealed class GetFFDomainCommand : FunnelFluxApiCmdlet
    {
        private IReadOnlyList<Domain>? _list;

        /// <summary>Names or wildcard patterns; all domains when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "HostName")]
        [ArgumentCompleter(typeof(DomainNameCompleter))]
        [DomainNameInput]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Domain { get; set; }

        /// <summary>Fetch full details (DNS records, Cloudflare status) for every listed domain.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            if (Domain == null)
            {
                WriteListed(session, List(session, "*"));
                return;
            }
            foreach (string input in Domain)
            {
                if (input != null && HostName.ContainsWildcard(input))
                {
                    var pattern = new WildcardPattern(input.Trim(), WildcardOptions.IgnoreCase);
                    // A pattern that matches nothing returns nothing, as Get-Item does.
                    WriteListed(session, List(session, input).Where(d => pattern.IsMatch(d.Name) || pattern.IsMatch(HostName.ToUnicode(d.Name))).ToList());
                    continue;
                }
                if (!DomainNames.TryNormalize(this, input, out string name))
                {
                    continue;
                }
                var runner = new ThrottledRunner<Domain>(this, 1, (_, domain) => WriteObject(domain));
                runner.Add(name, (sink, token) => session.Domains.GetAsync(name, sink, token));
            }
        }

        /// <param name="target">What the user asked for (a pattern, or * for all): the TargetObject of a failed list.</param>
        private IReadOnlyList<Domain> List(ApiSession session, string target)
        {
            if (_list == null)
            {
                IReadOnlyList<Domain>? listed = null;
                new ThrottledRunner<IReadOnlyList<Domain>>(this, 1, (_, domains) => listed = domains)
                    .Add(target, (sink, token) => session.Domains.ListAsync(sink, token));
                // A failed list has been written as an error; treat it as empty for this call.
                _list = listed ?? new List<Domain>();
            }
            return _list;
        }

        private void WriteListed(ApiSession session, IReadOnlyList<Domain> domains)
        {
            if (!Detailed)
            {
                foreach (var domain in domains)
                {
                    WriteObject(domain);
                }
                return;
            }
            // Details are one request per domain: made one at a time, politely.
            var runner = new ThrottledRunner<Domain>(this, 1, (_, domain) => WriteObject(domain));
            foreach (var domain in domains)
            {
                runner.Add(domain.Name, (sink, token) => session.Domains.GetAsync(domain.Name, sink, token));
            }
            runner.Complete();
        }
    }
}
