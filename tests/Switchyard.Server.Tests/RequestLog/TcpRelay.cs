using System.Net;
using System.Net.Sockets;

namespace Switchyard.Server.Tests.RequestLog;

/// <summary>
/// A loopback TCP relay in front of a real server, to take it "down" and bring it back: while
/// stopped it refuses connections and has cut every open one, as a crashed database would.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly List<TcpClient> open = [];
    private TcpListener? listener;
    private CancellationTokenSource? running;

    public TcpRelay(IPEndPoint target, int port)
    {
        this.target = target;
        Port = port;
    }

    public int Port { get; }

    public void Start()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        running = new CancellationTokenSource();
        _ = AcceptAsync(listener, running.Token);
    }

    public void Stop()
    {
        running?.Cancel();
        listener?.Stop();
        lock (open)
        {
            foreach (var c in open) c.Dispose();
            open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener server, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await server.AcceptTcpClientAsync(ct); }
            catch (Exception) { return; }
            var upstream = new TcpClient();
            try { await upstream.ConnectAsync(target, ct); }
            catch (Exception) { client.Dispose(); upstream.Dispose(); continue; }
            lock (open) { open.Add(client); open.Add(upstream); }
            _ = PumpAsync(client, upstream, ct);
            _ = PumpAsync(upstream, client, ct);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken ct)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream(), ct); }
        catch (Exception) { }
        from.Dispose();
        to.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
