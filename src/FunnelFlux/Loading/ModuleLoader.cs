using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace FunnelFlux.Commands.Loading
{
    /// <summary>
    /// Runs when the engine imports FunnelFlux.dll, before any cmdlet needs FunnelFlux.Core, and
    /// points the runtime at the right build of the core and its dependencies in
    /// dependencies/&lt;tfm&gt;/ (see src/README.md for the layout and why):
    /// on PowerShell 7 a private load context; on Windows PowerShell 5.1 a resolver that answers
    /// only our own assemblies. Undone when the last import of the process is removed.
    /// </summary>
    public sealed class ModuleLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        /// <summary>The folder that holds each build of the core with its dependencies.</summary>
        internal const string DependenciesFolder = "dependencies";

        private static readonly string ModuleDirectory =
            Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location) ?? string.Empty;

        private static readonly object Gate = new object();

        // Imports not yet removed, across every runspace of the process: the hook is the
        // process's, so a thread job that removes its own import must not take it from the others.
        private static int _imports;

        internal static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        public void OnImport()
        {
            lock (Gate)
            {
                _imports++;
                Hook();
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                // A runspace closed without Remove-Module never comes here, so the count can
                // stay above zero for good; the hook then stays, which only costs a name check.
                if (_imports > 0 && --_imports == 0)
                {
                    Unhook();
                }
            }
        }

        private static void Hook()
        {
            // The two paths live in separate classes so that .NET Framework never loads the
            // AssemblyLoadContext type (which it does not have), and .NET never sees the other.
            if (IsNetFramework)
            {
                FrameworkDependencyResolver.Register(ModuleDirectory, Path.Combine(ModuleDirectory, DependenciesFolder, "netstandard2.0"));
            }
            else
            {
                PrivateLoadContext.Register(Path.Combine(ModuleDirectory, DependenciesFolder, "net8.0"));
            }
        }

        private static void Unhook()
        {
            if (IsNetFramework)
            {
                FrameworkDependencyResolver.Unregister();
            }
            else
            {
                PrivateLoadContext.Unregister();
            }
        }
    }
}
