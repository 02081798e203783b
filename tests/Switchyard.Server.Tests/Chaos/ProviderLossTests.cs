using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using OpenAI;
using OpenAI.Chat;
using Switchyard.Server.Tests.Health;
using Switchyard.Simulator.Options;

namespace Switchyard.Server.Tests.Chaos;

/// <summary>
/// The issue's "done when": a whole provider is lost mid-traffic and the users notice nothing but the
/// model name in a header. Active health checks run on the real clock (every 0.3 s) beside the
/// breakers: they mark the lost provider down and bring it back once it answers again.
/// </summary>
public class ProviderLossTests
{
    private const string Yaml = """
        server:
          request_timeout_seconds: 10
        providers:
          main: { kind: openai, base_url: simulator }
          spare: { kind: anthropic, base_url: simulator }
        models:
          gpt-4.1-mini:
            deployments: [{ provider: main, model: loss-main }]
          claude-haiku-4-5:
            deployments: [{ provider: spare, model: loss-spare }]
        routes:
          app:
            models: [gpt-4.1-mini, claude-haiku-4-5]
            session_affinity: false
        resilience:
          circuit_breaker: { min_throughput: 5, window_seconds: 5, break_seconds: 1 }
        health_checks:
          interval_seconds: 0.3
          timeout_seconds: 2
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Losing_a_whole_provider_mid_traffic_changes_only_the_model_header(bool stream)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await HealthTestGateway.StartAsync(Yaml);
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        await using var watch = new BreakerWatch(http);
        var chat = new OpenAIClient(new ApiKeyCredential("sk-loss"),
            new OpenAIClientOptions { Endpoint = gateway.OpenAIBaseUrl, RetryPolicy = new ClientRetryPolicy(0) }).GetChatClient("app");
        var simulator = gateway.Simulator!.Options;
        var failures = new ConcurrentQueue<string>();
        var answered = new ConcurrentDictionary<(string Phase, string Model), int>();

        async Task RunAsync(string phase, int count)
        {
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
            {
                try
                {
                    var model = await AskAsync(chat, stream, token);
                    answered.AddOrUpdate((phase, model), 1, (_, n) => n + 1);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    failures.Enqueue($"{phase}: {ex.GetType().Name}: {ex.Message}");
                }
            });
        }

        await RunAsync("before", 50);
        // The whole main provider goes: every connection is refused mid-traffic.
        simulator.Models["loss-main"] = new SimulatedModelSettings { Faults = new FaultRates { ConnectionReset = 1.0 } };
        var during = RunAsync("during", 300);
        await HealthTestGateway.WaitForAsync(http, h => HealthTestGateway.State(h["main/loss-main"]) is "down" or "open", TimeSpan.FromSeconds(10), ct);
        await during;
        Assert.True(watch.Saw("main/loss-main", "down") || watch.Saw("main/loss-main", "open"));

        // It comes back: a probe (or a half-open trial) closes it and traffic returns to it.
        simulator.Models["loss-main"] = new SimulatedModelSettings();
        await HealthTestGateway.WaitForAsync(http, h => HealthTestGateway.State(h["main/loss-main"]) == "closed", TimeSpan.FromSeconds(10), ct);
        await RunAsync("after", 50);
        await watch.PollAsync(ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"{(stream ? "streaming" : "non-streaming")}: "
            + string.Join(", ", answered.OrderBy(p => p.Key.Phase).Select(p => $"{p.Key.Phase}/{p.Key.Model} {p.Value}"))
            + $"; main: {string.Join(" -> ", watch.Transitions("main/loss-main"))}");
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)));
        Assert.Equal(50, answered.GetValueOrDefault(("before", "loss-main")));
        Assert.True(answered.GetValueOrDefault(("during", "loss-spare")) > 0);
        Assert.True(answered.GetValueOrDefault(("after", "loss-main")) > 0);
    }

    private static async Task<string> AskAsync(ChatClient chat, bool stream, CancellationToken ct)
    {
        var prompt = new UserChatMessage("Say something about ferries.");
        if (!stream)
        {
            var result = await chat.CompleteChatAsync([prompt], cancellationToken: ct);
            if (string.IsNullOrEmpty(result.Value.Content[0].Text)) throw new InvalidOperationException("empty answer");
            return result.Value.Model;
        }
        string? model = null;
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([prompt], cancellationToken: ct))
        {
            model ??= update.Model;
            finish ??= update.FinishReason;
        }
        if (finish != ChatFinishReason.Stop) throw new InvalidOperationException($"stream ended with finish {finish}");
        return model ?? "?";
    }
}
