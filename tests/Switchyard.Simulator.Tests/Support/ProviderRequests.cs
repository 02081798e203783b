using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Simulator.Tests.Support;

/// <summary>Builds requests with each provider's authentication headers.</summary>
internal static class ProviderRequests
{
    public static HttpRequestMessage OpenAI(string body, string path = "/v1/chat/completions") =>
        new(HttpMethod.Post, path)
        {
            Content = Json(body),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "sk-test") },
        };

    public static HttpRequestMessage Anthropic(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = Json(body) };
        request.Headers.Add("x-api-key", "sk-ant-test");
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }

    public static HttpRequestMessage Gemini(string model, string body, bool stream = false)
    {
        var path = stream ? $"/v1beta/models/{model}:streamGenerateContent?alt=sse" : $"/v1beta/models/{model}:generateContent";
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Add("x-goog-api-key", "test-key");
        return request;
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static string OpenAIChat(string prompt, string model = "gpt-4o", bool stream = false, string extra = "") =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":{{JsonValue.Create(prompt).ToJsonString()}}}],"stream":{{(stream ? "true" : "false")}}{{(stream ? ",\"stream_options\":{\"include_usage\":true}" : "")}}{{extra}}}""";

    public static string AnthropicMessage(string prompt, string model = "claude-sonnet-4-5", bool stream = false, int maxTokens = 1024, string extra = "") =>
        $$"""{"model":"{{model}}","max_tokens":{{maxTokens}},"messages":[{"role":"user","content":{{JsonValue.Create(prompt).ToJsonString()}}}],"stream":{{(stream ? "true" : "false")}}{{extra}}}""";

    public static string GeminiContents(string prompt, string extra = "") =>
        $$"""{"contents":[{"role":"user","parts":[{"text":{{JsonValue.Create(prompt).ToJsonString()}}}]}]{{extra}}}""";
}
