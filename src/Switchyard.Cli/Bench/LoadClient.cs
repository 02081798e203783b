using System.Buffers;
using System.Diagnostics;
using System.Net;

namespace Switchyard.Cli.Bench;

/// <summary>
/// Sends one request and reads the whole answer, timing it. Lean on purpose, since it shares the
/// machine with what it measures: one HttpMessageInvoker over a SocketsHttpHandler (pooled
/// keep-alive connections, no proxy, cookies or decompression), the bodies preallocated, the
/// response read into a pooled buffer and never parsed.
/// </summary>
public sealed class LoadClient : IDisposable
{
    private readonly LoadTarget target;
    private readonly HttpMessageInvoker invoker;

    public LoadClient(LoadTarget target, int maxConnections)
    {
        this.target = target;
        invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        }, disposeHandler: true);
    }

    public LoadTarget Target => target;

    /// <summary>The target's runtime GC counters from its /metrics, or null when it shows none (<see cref="RuntimeCounters"/>).</summary>
    public async Task<RuntimeCounters?> ReadRuntimeCountersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, RuntimeCounters.MetricsUrl(target.ChatUrl)) { Version = HttpVersion.Version11 };
            using var response = await invoker.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode) return null;
            return RuntimeCounters.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Latency from sending to the last byte; for streams also to the first body byte. Errors are described, never thrown.</summary>
    public async Task<RequestTiming> SendAsync(bool stream, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target.ChatUrl) { Version = HttpVersion.Version11 };
        request.Content = new ByteArrayContent(stream ? target.StreamingBody : target.NonStreamingBody);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        if (target.ApiKey is { } key) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        foreach (var (name, value) in target.Headers) request.Headers.TryAddWithoutValidation(name, value);

        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await invoker.SendAsync(request, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            long firstByte = 0;
            var done = new DoneMarker();
            int read, last = 0;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                last = read;
                if (firstByte == 0) firstByte = Stopwatch.GetTimestamp() - started;
                if (stream) done.Feed(buffer.AsSpan(0, read));
            }
            var elapsed = Stopwatch.GetTimestamp() - started;
            if (!response.IsSuccessStatusCode) return RequestTiming.Failed($"HTTP {(int)response.StatusCode}");
            if (stream && !done.Seen)
                return RequestTiming.Failed("stream ended without data: [DONE]; it ended with: "
                    + System.Text.Encoding.UTF8.GetString(buffer, Math.Max(0, last - 120), Math.Min(last, 120)).ReplaceLineEndings("\\n"));
            return new RequestTiming(elapsed, firstByte, null);
        }
        catch (HttpRequestException ex) { return RequestTiming.Failed(ex.Message); }
        catch (IOException ex) { return RequestTiming.Failed(ex.Message); }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { return RequestTiming.Failed("timed out"); }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    public void Dispose() => invoker.Dispose();
}

/// <summary>One request's outcome: total and first-byte latency in Stopwatch ticks, or the error.</summary>
public readonly record struct RequestTiming(long TotalTicks, long FirstByteTicks, string? Error)
{
    public static RequestTiming Failed(string error) => new(0, 0, error);
}
