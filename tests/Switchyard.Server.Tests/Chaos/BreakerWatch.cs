using System.Collections.Concurrent;
using Switchyard.Server.Tests.Health;

namespace Switchyard.Server.Tests.Chaos;

/// <summary>Polls GET /admin/v1/health in the background and keeps each deployment's sequence of states.</summary>
public sealed class BreakerWatch : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, List<string>> seen = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly HttpClient http;

    public BreakerWatch(HttpClient http)
    {
        this.http = http;
        loop = Task.Run(() => RunAsync(stop.Token));
    }

    /// <summary>States in the order they were seen, repeats folded: e.g. closed → open → half_open → closed.</summary>
    public IReadOnlyList<string> Transitions(string deployment)
    {
        if (!seen.TryGetValue(deployment, out var list)) return [];
        lock (list) return [.. list];
    }

    public string Current(string deployment) => Transitions(deployment) is { Count: > 0 } t ? t[^1] : "unknown";

    public bool Saw(string deployment, string state) => Transitions(deployment).Contains(state);

    /// <summary>Takes one reading now (besides the background ones).</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, d) in await HealthTestGateway.HealthAsync(http, cancellationToken))
        {
            var list = seen.GetOrAdd(id, _ => []);
            var state = HealthTestGateway.State(d);
            lock (list) if (list.Count == 0 || list[^1] != state) list.Add(state);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try { await PollAsync(cancellationToken); }
            catch (OperationCanceledException) { return; }
            catch (HttpRequestException) { }
            try { await Task.Delay(50, cancellationToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
