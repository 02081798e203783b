using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// The canonical (OpenAI-shaped) request to a generateContent body. The model goes in the URL,
/// not the body. OpenAI-only fields with no Gemini meaning (user, metadata, parallel_tool_calls,
/// logit_bias, stream_options, ...) are dropped.
/// </summary>
internal static class GeminiRequestMapper
{
    public static GeminiRequest ToWire(UpstreamCall call)
    {
        var request = call.Request;
        var (system, contents) = GeminiContentsMapper.Map(request.Messages ?? []);
        return new GeminiRequest
        {
            Contents = contents,
            SystemInstruction = system,
            GenerationConfig = GeminiGenerationConfigMapper.Map(request),
            Tools = GeminiToolMapper.MapTools(request.Tools),
            ToolConfig = GeminiToolMapper.MapToolChoice(request.ToolChoice),
        };
    }
}
