using System;
using System.Management.Automation;

namespace FunnelFlux.Commands.Infrastructure
{
    /// <summary>
    /// Whether text meant for a person at a console (like Write-Host output) should be shown on
    /// the host: only when the command was typed at an interactive console. Scripts (pwsh -File,
    /// a .ps1, a function), -NonInteractive runs, redirected or captured output (CI logs) and
    /// hosted engines get the same text on the information stream only, where
    /// -InformationAction, -InformationVariable and 6> decide what happens to it.
    /// </summary>
    internal static class ConsoleAudience
    {
        public static bool IsWatching(PSCmdlet cmdlet)
        {
            // Runspace: typed at the prompt (or handed to the host as a command); Internal: run
            // from a script, function or script block.
            if (cmdlet.MyInvocation.CommandOrigin != CommandOrigin.Runspace)
            {
                return false;
            }
            try
            {
                if (Console.IsInputRedirected || Console.IsOutputRedirected)
                {
                    return false;
                }
            }
            catch (System.IO.IOException)
            {
                return false;
            }
            return !(cmdlet.Host.Name == "ConsoleHost" && StartedNonInteractive());
        }

        /// <summary>pwsh -NonInteractive (any abbreviation down to -noni, with -, -- or /), before -File or -Command.</summary>
        private static bool StartedNonInteractive()
        {
            string[] arguments = Environment.GetCommandLineArgs();
            for (int i = 1; i < arguments.Length; i++)
            {
                string name = arguments[i].TrimStart('-', '/').ToLowerInvariant();
                if (name.Length >= 4 && "noninteractive".StartsWith(name, StringComparison.Ordinal))
                {
                    return true;
                }
                // Whatever follows a script or a command belongs to it, not to pwsh.
                if (name == "file" || name == "f" || name == "command" || name == "c" || name == "encodedcommand" || name == "e" || name == "ec")
                {
                    return false;
                }
            }
            return false;
        }
    }
}
