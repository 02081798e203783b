using BenchmarkDotNet.Attributes;
using Switchyard.Benchmarks.Support;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;

namespace Switchyard.Benchmarks.Providers;

/// <summary>
/// One non-streaming call through each adapter against a canned upstream answering the recorded
/// response: the canonical request mapped to the wire format and serialized, the wire response
/// read and mapped back to an OpenAI chat completion. OpenAI (no translation) is the baseline;
/// the Anthropic and Gemini rows minus it are the cost of translating.
/// </summary>
/// <remarks>Run: dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*ProviderMapping*' --job short</remarks>
[MemoryDiagnoser]
public class ProviderMappingBenchmarks
{
    private IProviderAdapter adapter = null!;
    private UpstreamCall call = null!;

    [Params("openai", "anthropic", "gemini")]
    public string Wire { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var answer = Wire switch
        {
            "anthropic" => "anthropic/messages-response.json",
            "gemini" => "gemini/generate-response.json",
            _ => "openai/chat-response.json",
        };
        adapter = Adapters.Create(Wire, Fixtures.Bytes(answer), "application/json");
        call = Adapters.Call(Wire, stream: false);
        if (Complete().GetAwaiter().GetResult().Choices.Count == 0) throw new InvalidOperationException("no choices");
    }

    [Benchmark]
    public Task<ChatCompletion> Complete() => adapter.CompleteAsync(call, CancellationToken.None);
}
