using System.Text;
using Switchyard.Core.Accounting;
using Switchyard.Core.Config;
using Switchyard.Server.Hosting;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.EndToEnd;

/// <summary>
/// A client never holds a complete answer before the request's outcome is recorded. The request log's
/// synchronous mode (flush_interval_ms 0) promises that kill -9 loses no answered request; that holds
/// only if the row is written before the last byte of the answer leaves. Here an outcome sink that
/// blocks stands in for a slow synchronous write: while it blocks, no client may finish reading.
/// </summary>
public sealed class OutcomeBeforeAnswerTests : IAsyncLifetime
{
    private readonly BlockingOutcomeSink sink = new();
    private RunningGateway gateway = null!;
    private HttpClient http = null!;

    public async ValueTask InitializeAsync()
    {
        var config = ConfigLoader.Parse($$"""
            request_log: { enabled: false }
            health_checks: { enabled: false }
            providers:
              sim-openai: { kind: openai, base_url: simulator }
              sim-anthropic: { kind: anthropic, base_url: simulator }
            models:
              {{GatewayFixture.OpenAIModel}}:
                deployments: [{ provider: sim-openai, input_price_per_million: 0.40, output_price_per_million: 1.60 }]
              {{GatewayFixture.AnthropicModel}}:
                deployments: [{ provider: sim-anthropic, input_price_per_million: 1.00, output_price_per_million: 5.00 }]
              text-embedding-3-small:
                deployments: [{ provider: sim-openai, input_price_per_million: 0.02, output_price_per_million: 0 }]
            """, "test config");
        gateway = await GatewayHost.StartAsync(new GatewayStartOptions(config, "test config")
        {
            Urls = "http://127.0.0.1:0",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            OutcomeSinks = [sink],
        }, TestContext.Current.CancellationToken);
        http = new HttpClient { BaseAddress = gateway.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        sink.Release();
        http.Dispose();
        await gateway.DisposeAsync();
    }

    private const string Chat = "/v1/chat/completions";

    [Theory]
    [InlineData(Chat, GatewayFixture.OpenAIModel, false, 200)]     // passed through as the upstream sent it
    [InlineData(Chat, GatewayFixture.AnthropicModel, false, 200)]  // translated and serialized here
    [InlineData(Chat, GatewayFixture.OpenAIModel, true, 200)]      // a stream
    [InlineData(Chat, "no-such-model", false, 404)]                // an error answer
    [InlineData("/v1/embeddings", "text-embedding-3-small", false, 200)]
    public async Task The_answer_is_not_complete_until_its_outcome_is_recorded(string path, string model, bool stream, int status)
    {
        var ct = TestContext.Current.CancellationToken;
        var json = path == Chat
            ? $$"""{"model":"{{model}}","stream":{{(stream ? "true" : "false")}},"max_tokens":8,"messages":[{"role":"user","content":"hello"}]}"""
            : $$"""{"model":"{{model}}","input":"hello"}""";
        var call = Task.Run(async () =>
        {
            using var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return ((int)response.StatusCode, body);
        }, ct);

        Assert.True(sink.Entered.Wait(TimeSpan.FromSeconds(30), ct), "the outcome was never recorded");
        // The sink is holding the request's outcome. Had the answer been flushed before, the client would have it by now.
        var finishedEarly = await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(500), ct)) == call;
        sink.Release();
        var (answered, body) = await call.WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.False(finishedEarly, "the client read the whole answer while its outcome was still being recorded");
        Assert.Equal(status, answered);
        Assert.NotEmpty(body);
    }

    /// <summary>Blocks the first Record until released; later ones pass (one request per test instance).</summary>
    private sealed class BlockingOutcomeSink : IOutcomeSink
    {
        private readonly ManualResetEventSlim released = new();
        public ManualResetEventSlim Entered { get; } = new();

        public void Record(RequestOutcome outcome)
        {
            Entered.Set();
            released.Wait(TimeSpan.FromSeconds(60));
        }

        public void Release() => released.Set();
    }
}
