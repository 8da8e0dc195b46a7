using System.Net.Sockets;
using System.Text;

namespace FunnelFlux.Emulator.Tests;

/// <summary>
/// A bare HTTP/1.1 GET over a socket. System.Uri rewrites escapes of unreserved characters
/// ("%2E" becomes "."), so HttpClient cannot send a path byte for byte; this can.
/// </summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Body)> GetAsync(Uri server, string rawPathAndQuery, string? bearerToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using NetworkStream stream = tcp.GetStream();
        string auth = bearerToken is null ? string.Empty : $"Authorization: Bearer {bearerToken}\r\n";
        byte[] request = Encoding.ASCII.GetBytes($"GET {rawPathAndQuery} HTTP/1.1\r\nHost: {server.Authority}\r\n{auth}Connection: close\r\n\r\n");
        await stream.WriteAsync(request);

        using var reader = new StreamReader(stream, Encoding.UTF8);
        string response = await reader.ReadToEndAsync();
        int status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        int bodyStart = response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        return (status, response[bodyStart..]);
    }
}
