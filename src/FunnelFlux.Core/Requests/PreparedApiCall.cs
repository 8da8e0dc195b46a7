using System;

namespace FunnelFlux.Requests
{
    /// <summary>A request that passed every check and can be sent: nothing about it is decided later.</summary>
    public sealed class PreparedApiCall
    {
        internal PreparedApiCall(string method, string relativePath, Uri uri, string? jsonBody)
        {
            Method = method;
            RelativePath = relativePath;
            Uri = uri;
            JsonBody = jsonBody;
        }

        /// <summary>GET, POST, PUT, PATCH or DELETE.</summary>
        public string Method { get; }

        /// <summary>The escaped path and query, relative to the API URI ("billing/domains", "x/?a=1&amp;a=2").</summary>
        public string RelativePath { get; }

        /// <summary>The same as errors name their target: credential-like query values hidden.</summary>
        public string ShownRelativePath => Http.ShownUri.Of(RelativePath);

        /// <summary>Where the request goes: always inside the session's API URI.</summary>
        public Uri Uri { get; }

        public string? JsonBody { get; }

        /// <summary>
        /// Everything but GET may change state (a create, a save, a data reset, a cost update), so it
        /// is never sent again once FunnelFlux may have acted on it.
        /// </summary>
        public bool MayChangeState => Method != "GET";

        /// <summary>
        /// "POST https://api.funnelflux.pro/v1/billing/domains": the request line as -Verbose shows
        /// it, with credential-like query values hidden (see ShownUri).
        /// </summary>
        public string Label => Method + " " + ShownAddress;

        /// <summary>The address as messages show it: credential-like query values hidden.</summary>
        public string ShownAddress => Http.ShownUri.Of(Uri);

        public override string ToString() => Label;
    }
}
