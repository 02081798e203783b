namespace Switchyard.Core.Config;

/// <summary>
/// What a provider kind means: its wire format, default base URL and the environment variables the
/// official SDKs read. Adding an OpenAI-compatible provider is one line here.
/// </summary>
public sealed record ProviderPreset(string Kind, string Wire, string? DefaultBaseUrl, string? KeyVariable, string? BaseUrlVariable = null);

public static class ProviderPresets
{
    public static readonly IReadOnlyList<ProviderPreset> All =
    [
        new("openai", "openai", "https://api.openai.com/v1", "OPENAI_API_KEY", "OPENAI_BASE_URL"),
        new("anthropic", "anthropic", "https://api.anthropic.com", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"),
        new("gemini", "gemini", "https://generativelanguage.googleapis.com", "GEMINI_API_KEY", "GEMINI_BASE_URL"),
        new("mistral", "openai", "https://api.mistral.ai/v1", "MISTRAL_API_KEY"),
        new("deepseek", "openai", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY"),
        new("qwen", "openai", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1", "DASHSCOPE_API_KEY"),
        new("together", "openai", "https://api.together.xyz/v1", "TOGETHER_API_KEY"),
        new("groq", "openai", "https://api.groq.com/openai/v1", "GROQ_API_KEY"),
        new("openrouter", "openai", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY"),
        new("xai", "openai", "https://api.x.ai/v1", "XAI_API_KEY"),
        new("ollama", "openai", "http://127.0.0.1:11434/v1", null),
        new("vllm", "openai", "http://127.0.0.1:8000/v1", null),
        new("llamacpp", "openai", "http://127.0.0.1:8080/v1", null),
    ];

    public static ProviderPreset? Find(string kind) =>
        All.FirstOrDefault(p => string.Equals(p.Kind, kind, StringComparison.OrdinalIgnoreCase));
}
