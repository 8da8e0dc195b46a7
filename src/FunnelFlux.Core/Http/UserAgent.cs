using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace FunnelFlux.Http
{
    internal static class UserAgent
    {
        /// <summary>The module version, taken from the core assembly (stamped from the manifest at build).</summary>
        public static string ModuleVersion { get; } =
            typeof(UserAgent).Assembly.GetName().Version is Version v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";

        /// <summary>FunnelFlux-PowerShell/1.2.3 (Core 7.6.9; Linux 6.1.0)</summary>
        public static string Build(string? comment)
        {
            string detail = string.IsNullOrWhiteSpace(comment)
                ? $".NET; {RuntimeInformation.OSDescription.Trim()}"
                : comment!.Trim();
            // Parentheses inside a comment would end it early; keep the header well-formed.
            detail = detail.Replace('(', '[').Replace(')', ']').Replace("\r", " ").Replace("\n", " ");
            return $"FunnelFlux-PowerShell/{ModuleVersion} ({detail})";
        }
    }
}
