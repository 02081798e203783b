using System.Net;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.Anthropic;

/// <summary>Runs the adapter against a stubbed upstream with a fixed clock.</summary>
internal static class AnthropicAdapterHarness
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static AnthropicAdapter Adapter(HttpMessageHandler handler) => new(new HttpClient(handler), new FixedTime(Now));

    public static UpstreamCall SimpleCall(ProviderEndpoint? endpoint = null, bool wantUsage = true) =>
        AnthropicTestCalls.Call("""{"messages": [{"role": "user", "content": "Hi"}]}""", endpoint: endpoint) with { WantUsage = wantUsage };

    public static Task<ChatCompletion> CompleteAsync(StubHttpHandler stub, UpstreamCall? call = null) =>
        Adapter(stub).CompleteAsync(call ?? SimpleCall(), TestContext.Current.CancellationToken);

    public static async Task<List<ChatCompletionChunk>> StreamAsync(HttpMessageHandler handler, UpstreamCall? call = null)
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in Adapter(handler).StreamAsync(call ?? SimpleCall(), TestContext.Current.CancellationToken))
            chunks.Add(chunk.Clone()); // lent until the next one (IProviderAdapter.StreamAsync)
        return chunks;
    }

    public static StubHttpHandler SseBytes(byte[] body) => new(HttpStatusCode.OK, body, "text/event-stream");

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
