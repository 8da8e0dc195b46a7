using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace FunnelFlux.Auth
{
    /// <summary>
    /// Sets Unix permission bits. The module is built for netstandard2.0, where
    /// File.SetUnixFileMode is not visible; every PowerShell 7 that runs on Unix has it (.NET 7+),
    /// so it is found by reflection, with libc's chmod as the fallback.
    /// </summary>
    internal static class UnixFilePermissions
    {
        public const int OwnerReadWrite = 0x180;      // 0600
        public const int OwnerOnlyDirectory = 0x1C0;  // 0700
        public const int GroupOrOtherAccess = 0x3F;   // 0077
        public const int GroupOrOtherWrite = 0x12;    // 0022
        public const int Sticky = 0x200;              // 01000

        /// <summary>A mode as chmod writes it: "0644", "1777".</summary>
        public static string Format(int mode)
        {
            string octal = Convert.ToString(mode & 0xFFF, 8).PadLeft(3, '0');
            return octal.Length == 3 ? "0" + octal : octal;
        }

        private static readonly MethodInfo? SetUnixFileMode = FindSetUnixFileMode();

        public static void Restrict(string path, int mode)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return; // Windows: the file sits in the user's profile and its content is DPAPI-encrypted.
            }
            if (SetUnixFileMode != null)
            {
                var modeType = SetUnixFileMode.GetParameters()[1].ParameterType;
                SetUnixFileMode.Invoke(null, new[] { path, Enum.ToObject(modeType, mode) });
                return;
            }
            if (chmod(path, mode) != 0)
            {
                throw new IOException($"Could not restrict the permissions of {path} (errno {Marshal.GetLastWin32Error()}).");
            }
        }

        /// <summary>The permission bits of <paramref name="path"/>, or null where they cannot be read.</summary>
        public static int? GetMode(string path)
        {
            var getter = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
            return getter == null ? (int?)null : Convert.ToInt32(getter.Invoke(null, new object[] { path }));
        }

        private static MethodInfo? FindSetUnixFileMode()
        {
            var modeType = typeof(File).Assembly.GetType("System.IO.UnixFileMode");
            return modeType == null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), modeType });
        }

        [DllImport("libc", SetLastError = true)]
#pragma warning disable IDE1006 // the native name
        private static extern int chmod(string pathname, int mode);
#pragma warning restore IDE1006
    }
}
