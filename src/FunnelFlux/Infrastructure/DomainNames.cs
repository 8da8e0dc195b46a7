using System;
using FunnelFlux.Domains;

namespace FunnelFlux.Commands.Infrastructure
{
    internal static class DomainNames
    {
        /// <summary>
        /// Validates and normalises one -Domain value; on failure writes a non-terminating
        /// InvalidArgument error naming the input, so no request is made for it.
        /// </summary>
        /// <param name="settleFirst">
        /// Called before anything is written: a runner's Complete, so that requests already in
        /// flight are reported before an error or warning that -ErrorAction/-WarningAction Stop
        /// turns into the end of the pipeline.
        /// </param>
        public static bool TryNormalize(FunnelFluxCmdlet cmdlet, string? input, out string name, Action? settleFirst = null)
        {
            if (HostName.TryNormalize(input, out name, out string? error))
            {
                // A look-alike name is allowed, but said once, before any request is made for it.
                if (HostName.FindMixedScripts(name) is string lookAlike)
                {
                    settleFirst?.Invoke();
                    cmdlet.WriteWarning(lookAlike);
                }
                return true;
            }
            settleFirst?.Invoke();
            cmdlet.WriteError(ErrorRecords.InvalidArgument("InvalidDomainName", error ?? $"'{input}' is not a valid domain name.", input));
            return false;
        }
    }
}
