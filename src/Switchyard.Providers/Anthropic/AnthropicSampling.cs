using Switchyard.Core.Chat;

namespace Switchyard.Providers.Anthropic;

/// <summary>temperature and top_p, moved from OpenAI's ranges to Anthropic's.</summary>
internal static class AnthropicSampling
{
    public static void Apply(ChatRequest request, AnthropicRequest wire)
    {
        // OpenAI takes 0..2, Anthropic 0..1, and both default to 1. Values are clamped, not
        // rescaled: a client that sends 0.7 (the value most prompts are tuned with on either API)
        // gets 0.7, and only the range Anthropic cannot express (above 1) becomes its maximum.
        if (request.Temperature is { } temperature)
            wire.Temperature = Math.Clamp(temperature, 0.0, 1.0);

        // Recent Claude models refuse temperature and top_p together ("cannot both be specified");
        // temperature is the one clients mean when they set both, so top_p goes.
        if (request.TopP is { } topP && wire.Temperature is null)
            wire.TopP = Math.Clamp(topP, 0.0, 1.0);
    }
}
