using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.Gemini;
using Switchyard.Providers.OpenAI;

namespace Switchyard.Benchmarks.Support;

/// <summary>One adapter per wire format over a canned upstream, and a call to send through it.</summary>
public static class Adapters
{
    public static IProviderAdapter Create(string wire, byte[] answer, string contentType, bool asyncReads = false)
    {
        var http = new HttpClient(new CannedHandler(answer, contentType, asyncReads));
        return wire switch
        {
            "openai" => new OpenAIAdapter(http),
            "anthropic" => new AnthropicAdapter(http),
            "gemini" => new GeminiAdapter(http),
            _ => throw new ArgumentOutOfRangeException(nameof(wire), wire, null),
        };
    }

    public static UpstreamCall Call(string wire, bool stream)
    {
        var baseUrl = wire == "openai" ? "http://upstream.invalid/v1" : "http://upstream.invalid";
        var endpoint = new ProviderEndpoint(wire + "-bench", wire, new Uri(baseUrl), "sk-bench", new Dictionary<string, string>());
        var request = new ChatRequest
        {
            Model = "bench",
            Stream = stream,
            MaxTokens = 256,
            Temperature = 0.2,
            Messages =
            [
                new ChatMessage { Role = "system", Content = MessageContent.FromText("You are a concise assistant for a support team.") },
                new ChatMessage { Role = "user", Content = MessageContent.FromText("Why is the sky blue? Answer in two sentences for a ten-year-old.") },
            ],
        };
        var model = wire switch { "anthropic" => "claude-sonnet-4-5", "gemini" => "gemini-2.0-flash", _ => "gpt-4o" };
        return new UpstreamCall(endpoint, model, request, MaxOutputTokens: 8192);
    }
}
