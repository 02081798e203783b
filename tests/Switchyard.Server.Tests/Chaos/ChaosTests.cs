using System.ClientModel;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using OpenAI.Chat;

namespace Switchyard.Server.Tests.Chaos;

/// <summary>
/// Chaos through the real server, the simulator and the official OpenAI .NET SDK: a route over a
/// provider answering 30% 500s, one down, one answering 429 with Retry-After, one whose connections
/// reset before the first byte (streams cut before their first chunk), and one healthy. Every
/// request on that route succeeds, none outlives its deadline, the failing deployments' breakers
/// open, and after the providers heal they close again. Each case runs streaming and non-streaming.
/// </summary>
public class ChaosTests
{
    private const int Requests = 500;
    private const int Parallelism = 16;
    /// <summary>Every tenth request goes to a route with no healthy deployment: it must fail, fast.</summary>
    private const int DoomedEvery = 10;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_request_with_a_healthy_deployment_succeeds_within_its_deadline_and_breakers_open_then_close(bool stream)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chaos = await ChaosGateway.StartAsync();
        await using var watch = new BreakerWatch(chaos.Http);
        var client = chaos.OpenAI();
        var chat = client.GetChatClient("chaos");
        var doomed = client.GetChatClient("doomed");

        var failures = new ConcurrentQueue<string>();
        var doomedStatuses = new ConcurrentDictionary<int, int>();
        var latencies = new ConcurrentBag<double>();
        var answeredBy = new ConcurrentDictionary<string, int>();
        var succeeded = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (i, token) =>
        {
            var isDoomed = i % DoomedEvery == DoomedEvery - 1;
            var started = Stopwatch.GetTimestamp();
            try
            {
                var model = stream ? await StreamAsync(isDoomed ? doomed : chat, i, token) : await CompleteAsync(isDoomed ? doomed : chat, i, token);
                if (isDoomed) failures.Enqueue($"#{i} on the doomed route succeeded");
                else
                {
                    Interlocked.Increment(ref succeeded);
                    answeredBy.AddOrUpdate(model, 1, (_, n) => n + 1);
                }
            }
            catch (ClientResultException ex) when (isDoomed)
            {
                doomedStatuses.AddOrUpdate(ex.Status, 1, (_, n) => n + 1);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                failures.Enqueue($"#{i}{(isDoomed ? " (doomed)" : "")}: {ex.GetType().Name}: {ex.Message}");
            }
            finally
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        });
        var trafficTime = clock.Elapsed;
        await watch.PollAsync(ct);
        var openedDuringTraffic = ChaosGateway.Failing.Where(d => watch.Saw(d, "open")).ToList();

        // The providers heal; a trickle of traffic lets the half-open breakers try them and close.
        chaos.Heal();
        var healClock = Stopwatch.StartNew();
        while (healClock.Elapsed < TimeSpan.FromSeconds(20) && !ChaosGateway.Failing.All(d => watch.Current(d) == "closed"))
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                try { await CompleteAsync(chat, -1, ct); }
                catch (ClientResultException ex) { failures.Enqueue($"after healing: {ex.Status} {ex.Message}"); }
            }));
            await Task.Delay(100, ct);
            await watch.PollAsync(ct);
        }

        var doomedCount = Enumerable.Range(0, Requests).Count(i => i % DoomedEvery == DoomedEvery - 1);
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{(stream ? "streaming" : "non-streaming")}: {Requests} requests ({Requests - doomedCount} on 'chaos', {doomedCount} on 'doomed') in {trafficTime.TotalSeconds:0.0} s, parallelism {Parallelism}");
        output?.WriteLine($"  'chaos' succeeded: {succeeded}/{Requests - doomedCount}; answered by: {string.Join(", ", answeredBy.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");
        output?.WriteLine($"  'doomed' statuses: {string.Join(", ", doomedStatuses.OrderBy(p => p.Key).Select(p => $"{p.Key} x{p.Value}"))}");
        output?.WriteLine($"  latency: max {latencies.Max():0.000} s, p99 {Percentile(latencies, 0.99):0.000} s, p50 {Percentile(latencies, 0.5):0.000} s; deadline {ChaosGateway.DeadlineSeconds} s");
        foreach (var d in new[] { ChaosGateway.Flaky, ChaosGateway.Down, ChaosGateway.Limited, ChaosGateway.ResetEarly, ChaosGateway.Healthy })
            output?.WriteLine($"  {d}: {string.Join(" -> ", watch.Transitions(d))}");
        output?.WriteLine($"  healed and closed in {healClock.Elapsed.TotalSeconds:0.0} s");
        foreach (var f in failures.Take(20)) output?.WriteLine("  FAILURE " + f);

        Assert.True(failures.IsEmpty, $"{failures.Count} unexpected outcomes, e.g.:\n{string.Join("\n", failures.Take(10))}");
        Assert.Equal(Requests - doomedCount, succeeded);
        Assert.All(doomedStatuses.Keys, status => Assert.Contains(status, new[] { 502, 503 }));
        Assert.True(latencies.Max() <= ChaosGateway.DeadlineSeconds, $"a request took {latencies.Max():0.000} s, past the {ChaosGateway.DeadlineSeconds} s deadline");
        Assert.Equal(ChaosGateway.Failing, openedDuringTraffic);
        Assert.All(ChaosGateway.Failing, d => Assert.Equal("closed", watch.Current(d)));
        Assert.False(watch.Saw(ChaosGateway.Healthy, "open"), "the healthy deployment's breaker opened");
    }

    [Fact]
    public async Task Streams_cut_after_their_first_chunk_end_with_an_error_event_and_raise_in_the_sdk()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chaos = await ChaosGateway.StartAsync();
        const int streams = 40;

        // On the wire: chunks, then an error event, then an aborted connection; never [DONE].
        for (var i = 0; i < 3; i++)
        {
            var (text, aborted) = await RawStreamAsync(chaos.Http, "cut-late", ct);
            Assert.True(aborted, "the connection ended cleanly:\n" + text);
            Assert.Contains("\"role\":\"assistant\"", text);
            Assert.Contains("data: {\"error\":", text);
            Assert.DoesNotContain("[DONE]", text);
        }

        // In the SDK: each one raises; a stream that delivered its first chunk raises too.
        var chat = chaos.OpenAI().GetChatClient("cut-late");
        var raisedAfterChunks = 0;
        var raisedBeforeChunks = 0;
        var completed = 0;
        await Parallel.ForAsync(0, streams, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var chunks = 0;
            try
            {
                await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage($"Tell me a long story about lighthouses, number {i}.")], cancellationToken: token))
                    chunks++;
                Interlocked.Increment(ref completed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                if (chunks > 0) Interlocked.Increment(ref raisedAfterChunks);
                else Interlocked.Increment(ref raisedBeforeChunks);
            }
        });
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"cut after the first chunk: {streams} SDK streams: {raisedAfterChunks} raised after their first chunks, {raisedBeforeChunks} raised before any (breaker open: 503), {completed} completed");
        Assert.Equal(0, completed);
        Assert.Equal(streams, raisedAfterChunks + raisedBeforeChunks);
        Assert.True(raisedAfterChunks > 0);
    }

    private static async Task<string> CompleteAsync(ChatClient chat, int i, CancellationToken ct)
    {
        var result = await chat.CompleteChatAsync([new UserChatMessage($"Say something about trains, request {i}.")], cancellationToken: ct);
        if (string.IsNullOrEmpty(result.Value.Content[0].Text)) throw new InvalidOperationException("empty answer");
        return result.Value.Model; // the upstream's model name: one per deployment here
    }

    private static async Task<string> StreamAsync(ChatClient chat, int i, CancellationToken ct)
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        string? model = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage($"Say something about trains, request {i}.")], cancellationToken: ct))
        {
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            finish ??= update.FinishReason;
            model ??= update.Model;
        }
        if (text.Length == 0 || finish != ChatFinishReason.Stop) throw new InvalidOperationException($"stream ended without an answer (finish {finish})");
        return model ?? "?";
    }

    private static async Task<(string Text, bool Aborted)> RawStreamAsync(HttpClient http, string model, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"{{model}}","stream":true,"messages":[{"role":"user","content":"Tell me a long story about lighthouses."}]}""",
                Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(200, (int)response.StatusCode);
        var text = new StringBuilder();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0) text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            return (text.ToString(), false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return (text.ToString(), true);
        }
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
