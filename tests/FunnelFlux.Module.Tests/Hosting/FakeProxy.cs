using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FunnelFlux.Module.Tests.Hosting;

/// <summary>
/// A proxy on loopback that only records what clients ask of it and then refuses, so a test can
/// show the client went through the proxy without anything leaving the machine.
/// With <see cref="RequireCredentials"/>, the first request of each kind is answered 407.
/// </summary>
public sealed class FakeProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requests = new();

    public FakeProxy()
    {
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public bool RequireCredentials { get; init; }

    public Uri Uri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Each request's head (request line and headers), in arrival order.</summary>
    public IReadOnlyList<string> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = new StringBuilder();
            var buffer = new byte[1];
            try
            {
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16384)
                {
                    if (await stream.ReadAsync(buffer, _stop.Token) == 0) return;
                    head.Append((char)buffer[0]);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                return;
            }
            string text = head.ToString();
            lock (_requests) _requests.Add(text);
            bool authorized = text.Contains("Proxy-Authorization:", StringComparison.OrdinalIgnoreCase);
            string answer = RequireCredentials && !authorized
                ? "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                : "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            var bytes = Encoding.ASCII.GetBytes(answer);
            try
            {
                await stream.WriteAsync(bytes, _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
