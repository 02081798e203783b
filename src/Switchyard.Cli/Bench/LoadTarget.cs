using System.Text;

namespace Switchyard.Cli.Bench;

/// <summary>
/// Where one load phase sends its requests: an OpenAI-compatible chat completions URL, the model
/// (or route) to ask for, the bearer key and any extra headers. The request bodies are built once.
/// </summary>
public sealed class LoadTarget
{
    private const string Prompt = "Summarize in one sentence why a load test needs an open-loop request generator.";

    public LoadTarget(string name, Uri baseUrl, string model, string? apiKey, IReadOnlyList<KeyValuePair<string, string>> headers, int? pid)
    {
        Name = name;
        ChatUrl = ChatCompletionsUrl(baseUrl);
        ApiKey = apiKey;
        Headers = headers;
        Pid = pid;
        var escaped = System.Text.Json.JsonEncodedText.Encode(model).ToString();
        NonStreamingBody = Encoding.UTF8.GetBytes(
            $$"""{"model":"{{escaped}}","max_tokens":16,"messages":[{"role":"user","content":"{{Prompt}}"}]}""");
        StreamingBody = Encoding.UTF8.GetBytes(
            $$"""{"model":"{{escaped}}","max_tokens":16,"stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"{{Prompt}}"}]}""");
    }

    /// <summary>"gateway", "direct" or "target": how the report labels the rows.</summary>
    public string Name { get; }
    public Uri ChatUrl { get; }
    public string? ApiKey { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }
    /// <summary>The process to read /proc figures of; null when unknown (a remote target without --pid).</summary>
    public int? Pid { get; }
    public byte[] NonStreamingBody { get; }
    public byte[] StreamingBody { get; }

    /// <summary>Accepts the server root, the OpenAI base URL (…/v1) or the full …/chat/completions URL.</summary>
    public static Uri ChatCompletionsUrl(Uri baseUrl)
    {
        var text = baseUrl.ToString().TrimEnd('/');
        if (text.EndsWith("/chat/completions", StringComparison.Ordinal)) return new Uri(text);
        if (!text.EndsWith("/v1", StringComparison.Ordinal)) text += "/v1";
        return new Uri(text + "/chat/completions");
    }
}
