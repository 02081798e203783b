using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Canonical (OpenAI Chat Completions) request → Anthropic Messages request. Fields Anthropic has
/// no counterpart for (seed, logprobs, presence/frequency penalties, OpenAI metadata, everything in
/// Extra) are dropped rather than forwarded: Anthropic rejects unknown fields.
/// </summary>
internal static class AnthropicRequestMapper
{
    /// <summary>
    /// The output limit when neither the client nor the catalog gives one. Anthropic requires
    /// max_tokens; 4096 fits every Claude model's output limit, so it never causes a 400.
    /// </summary>
    public const int FallbackMaxTokens = 4096;

    public static AnthropicRequest ToWire(UpstreamCall call, bool stream)
    {
        var request = call.Request;
        if (request.N is > 1)
            throw AnthropicRequestError.Create(call.Endpoint, "n > 1 is not supported by Anthropic (one answer per request).");

        var (system, messages) = AnthropicMessageMapper.Map(request.Messages ?? [], call.Endpoint);
        var wire = new AnthropicRequest
        {
            Model = call.UpstreamModel,
            MaxTokens = request.MaxCompletionTokens ?? request.MaxTokens ?? call.MaxOutputTokens ?? FallbackMaxTokens,
            Messages = messages,
            Tools = AnthropicToolMapper.MapTools(request.Tools, call.Endpoint),
            StopSequences = request.Stop is { Values.Count: > 0 } stop ? stop.Values : null,
            Metadata = request.User is { Length: > 0 } user ? new AnthropicMetadata { UserId = user } : null,
            Stream = stream,
        };
        wire.ToolChoice = wire.Tools is null ? null : AnthropicToolMapper.MapToolChoice(request.ToolChoice, request.ParallelToolCalls, call.Endpoint);
        AnthropicSampling.Apply(request, wire);
        AnthropicOutputFormatMapper.Apply(request.ResponseFormat, system, wire);
        wire.System = system.Count > 0 ? system : null;
        return wire;
    }
}
