using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace FunnelFlux.Commands.Loading
{
    /// <summary>
    /// PowerShell 7: FunnelFlux.Core and everything it ships (Polly.Core) load here, not in the
    /// engine's default context, so another module's copy of the same assembly, of any version,
    /// loaded before or after us, never meets ours. What is not in our folder (the runtime's own
    /// assemblies, and FunnelFlux.Models, whose types PowerShell must be able to name) comes from
    /// the default context as usual.
    /// </summary>
    internal sealed class PrivateLoadContext : AssemblyLoadContext
    {
        internal const string CoreAssemblyName = "FunnelFlux.Core";

        private static readonly object Gate = new object();
        private static PrivateLoadContext? _instance;
        private static bool _hooked;

        private readonly string _directory;

        private PrivateLoadContext(string directory)
        {
            _directory = directory;
        }

        /// <summary>The one context of this process (a module cannot be unloaded from .NET, so it is reused on re-import).</summary>
        internal static PrivateLoadContext? Instance => _instance;

        /// <summary>
        /// Hooks the default context so that FunnelFlux.dll's reference to the core, which the
        /// default context cannot find (it sits in a subfolder), is answered from this context.
        /// Only that one name is answered: every other request stays the runtime's business.
        /// </summary>
        public static void Register(string directory)
        {
            lock (Gate)
            {
                _instance ??= new PrivateLoadContext(directory);
                if (!_hooked)
                {
                    Default.Resolving += ResolveCore;
                    _hooked = true;
                }
            }
        }

        public static void Unregister()
        {
            lock (Gate)
            {
                if (_hooked)
                {
                    Default.Resolving -= ResolveCore;
                    _hooked = false;
                }
            }
        }

        private static Assembly? ResolveCore(AssemblyLoadContext context, AssemblyName name) =>
            name.Name == CoreAssemblyName ? _instance?.LoadFromAssemblyName(name) : null;

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string path = Path.Combine(_directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
