using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace FunnelFlux.Auth
{
    /// <summary>
    /// DPAPI (CryptProtectData) for the current user, called directly so that the module needs no
    /// extra package on either Windows PowerShell 5.1 or PowerShell 7. Windows only.
    /// </summary>
    internal static class WindowsDataProtection
    {
        private const int CryptProtectUiForbidden = 0x1;
        private static readonly byte[] Entropy = System.Text.Encoding.UTF8.GetBytes("FunnelFlux.SavedSession.v1");

        public static byte[] Protect(byte[] plain) => Transform(plain, protect: true);

        public static byte[] Unprotect(byte[] cipher) => Transform(cipher, protect: false);

        private static byte[] Transform(byte[] input, bool protect)
        {
            var inBlob = new DataBlob();
            var entropyBlob = new DataBlob();
            var outBlob = new DataBlob();
            var inHandle = GCHandle.Alloc(input, GCHandleType.Pinned);
            var entropyHandle = GCHandle.Alloc(Entropy, GCHandleType.Pinned);
            try
            {
                inBlob.Size = input.Length;
                inBlob.Data = inHandle.AddrOfPinnedObject();
                entropyBlob.Size = Entropy.Length;
                entropyBlob.Data = entropyHandle.AddrOfPinnedObject();
                bool ok = protect
                    ? CryptProtectData(ref inBlob, null, ref entropyBlob, IntPtr.Zero, IntPtr.Zero, CryptProtectUiForbidden, ref outBlob)
                    : CryptUnprotectData(ref inBlob, IntPtr.Zero, ref entropyBlob, IntPtr.Zero, IntPtr.Zero, CryptProtectUiForbidden, ref outBlob);
                if (!ok)
                {
                    throw new InvalidOperationException(
                        (protect ? "Could not encrypt" : "Could not decrypt") + " the saved session for the current user.",
                        new Win32Exception(Marshal.GetLastWin32Error()));
                }
                var result = new byte[outBlob.Size];
                Marshal.Copy(outBlob.Data, result, 0, outBlob.Size);
                return result;
            }
            finally
            {
                inHandle.Free();
                entropyHandle.Free();
                if (outBlob.Data != IntPtr.Zero)
                {
                    LocalFree(outBlob.Data);
                }
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct DataBlob
        {
            public int Size;
            public IntPtr Data;
        }

        [DllImport("crypt32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        private static extern bool CryptProtectData(ref DataBlob dataIn, string? description, ref DataBlob entropy, IntPtr reserved, IntPtr prompt, int flags, ref DataBlob dataOut);

        [DllImport("crypt32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        private static extern bool CryptUnprotectData(ref DataBlob dataIn, IntPtr description, ref DataBlob entropy, IntPtr reserved, IntPtr prompt, int flags, ref DataBlob dataOut);

        [DllImport("kernel32.dll")]
        private static extern IntPtr LocalFree(IntPtr handle);
    }
}
