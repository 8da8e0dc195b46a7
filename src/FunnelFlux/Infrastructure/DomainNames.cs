using FunnelFlux.Domains;

namespace FunnelFlux.Commands.Infrastructure
{
    internal static class DomainNames
    {
        /// <summary>
        /// Validates and normalises one -Domain value; on failure writes a non-terminating
        /// InvalidArgument error naming the input, so no request is made for it.
        /// </summary>
        public static bool TryNormalize(FunnelFluxCmdlet cmdlet, string? input, out string name)
        {
            if (HostName.TryNormalize(input, out name, out string? error))
            {
                // A look-alike name is allowed, but said once, before any request is made for it.
                if (HostName.FindMixedScripts(name) is string lookAlike)
                {
                    cmdlet.WriteWarning(lookAlike);
                }
                return true;
            }
            cmdlet.WriteError(ErrorRecords.InvalidArgument("InvalidDomainName", error ?? $"'{input}' is not a valid domain name.", input));
            return false;
        }
    }
}
