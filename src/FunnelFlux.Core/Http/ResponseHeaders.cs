using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace FunnelFlux.Http
{
    /// <summary>An answer's headers as plain strings, for callers that hand them to the user (-ResponseHeadersVariable).</summary>
    internal static class ResponseHeaders
    {
        public static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);

        public static IReadOnlyDictionary<string, string[]> From(HttpResponseMessage answer)
        {
            var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in answer.Headers)
            {
                headers[header.Key] = header.Value.ToArray();
            }
            if (answer.Content != null)
            {
                foreach (var header in answer.Content.Headers)
                {
                    headers[header.Key] = header.Value.ToArray();
                }
            }
            return headers;
        }
    }
}
