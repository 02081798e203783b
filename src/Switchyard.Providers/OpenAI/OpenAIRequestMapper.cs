using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// The canonical request is already OpenAI's shape: only the model changes, the gateway's own
/// field goes, and streams ask for usage so the call can be costed. Unknown fields pass through.
/// </summary>
public static class OpenAIRequestMapper
{
    public static ChatRequest ToWire(UpstreamCall call)
    {
        var wire = call.Request.ShallowCopy();
        wire.Model = call.UpstreamModel;
        wire.Switchyard = null;
        if (wire.IsStreaming && call.WantUsage && !wire.IncludeUsage)
            wire.StreamOptions = new StreamOptions { IncludeUsage = true, Extra = wire.StreamOptions?.Extra };
        return wire;
    }

    public static EmbeddingRequest ToWire(UpstreamEmbeddingCall call) => new()
    {
        Model = call.UpstreamModel,
        Input = call.Request.Input,
        EncodingFormat = call.Request.EncodingFormat,
        Dimensions = call.Request.Dimensions,
        User = call.Request.User,
        Extra = call.Request.Extra,
    };
}
