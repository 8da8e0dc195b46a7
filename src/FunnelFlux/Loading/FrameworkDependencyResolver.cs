using System;
using System.IO;
using System.Reflection;

namespace FunnelFlux.Commands.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework) has no load contexts and no binding redirects for
    /// the netstandard set the core needs (System.Memory, System.Text.Json ... at their own
    /// versions). When one of our own assemblies asks for a dll that sits in our dependencies
    /// folder, hand it that file; a request from anyone else is left alone, so other modules keep
    /// whatever they load.
    /// </summary>
    internal static class FrameworkDependencyResolver
    {
        private static readonly object Gate = new object();
        private static string _moduleDirectory = string.Empty;
        private static string _directory = string.Empty;
        private static bool _hooked;

        public static void Register(string moduleDirectory, string dependencyDirectory)
        {
            lock (Gate)
            {
                _moduleDirectory = moduleDirectory;
                _directory = dependencyDirectory;
                if (!_hooked)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += Resolve;
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
                    AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                    _hooked = false;
                }
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            if (!IsOurs(args.RequestingAssembly))
            {
                return null;
            }
            string? name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }
            string candidate = Path.Combine(_directory, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }

        /// <summary>FunnelFlux.dll, FunnelFlux.Models.dll, or anything loaded from our dependencies folder.</summary>
        private static bool IsOurs(Assembly? requester)
        {
            if (requester == null || requester.IsDynamic)
            {
                return false;
            }
            string location;
            try
            {
                location = requester.Location;
            }
            catch (NotSupportedException)
            {
                return false;
            }
            if (string.IsNullOrEmpty(location))
            {
                return false;
            }
            string folder = Path.GetDirectoryName(location) ?? string.Empty;
            return PathEquals(folder, _directory) || PathEquals(folder, _moduleDirectory);
        }

        private static bool PathEquals(string a, string b) =>
            string.Equals(Path.GetFullPath(a).TrimEnd('\\', '/'), Path.GetFullPath(b).TrimEnd('\\', '/'), StringComparison.OrdinalIgnoreCase);
    }
}
