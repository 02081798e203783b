using Switchyard.Core.Chat;
using Switchyard.Providers.Streaming;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Turns Anthropic stream events into OpenAI chunks, one event at a time. Holds what the events
/// spread out: the message id and model (only on message_start, but every chunk carries them),
/// usage (input on message_start, cumulative output on message_delta) and which content blocks
/// are tool calls (OpenAI numbers tool calls from 0; Anthropic numbers all blocks, text included).
/// </summary>
internal sealed class AnthropicStreamTranslator(bool wantUsage, long created)
{
    private readonly Dictionary<int, int> _toolIndexByBlock = [];
    private readonly ReusableChunk _text = new();
    private string _id = "";
    private string _model = "";
    private AnthropicUsage _usage = new();

    /// <summary>True once message_stop arrived: the stream ended as it should.</summary>
    public bool Finished { get; private set; }

    public IEnumerable<ChatCompletionChunk> Translate(AnthropicStreamEvent e)
    {
        switch (e.Type)
        {
            case "message_start" when e.Message is { } message:
                _id = message.Id;
                _model = message.Model;
                Merge(message.Usage);
                // OpenAI's first chunk names the role and carries empty content; clients expect it.
                return [Chunk(new ChunkDelta { Role = "assistant", Content = "" })];
            case "content_block_start" when e.ContentBlock is { Type: "tool_use" } block:
                var toolIndex = _toolIndexByBlock[e.Index] = _toolIndexByBlock.Count;
                return [ToolCallChunk(new ToolCall
                {
                    Index = toolIndex, Id = block.Id, Type = "function",
                    Function = new FunctionCall { Name = block.Name, Arguments = "" },
                })];
            case "content_block_delta" when e.Delta is { } delta:
                return Delta(e.Index, delta);
            case "message_delta":
                Merge(e.Usage);
                return e.Delta?.StopReason is { } stop
                    ? [Chunk(new ChunkDelta(), AnthropicStopReason.ToFinishReason(stop))]
                    : [];
            case "message_stop":
                Finished = true;
                return wantUsage ? [UsageChunk()] : [];
            default:
                // ping, content_block_stop, text and thinking block starts, and event types added
                // later (Anthropic's versioning policy says clients should ignore unknown events).
                return [];
        }
    }

    /// <summary>A text delta, in the stream's one reused chunk (the consumer is done with the last one when it asks for this).</summary>
    public ChatCompletionChunk TextDelta(string text) => _text.Text(_id, _model, created, 0, text);

    private IEnumerable<ChatCompletionChunk> Delta(int blockIndex, AnthropicStreamDelta delta)
    {
        if (delta.Type == "text_delta" && !string.IsNullOrEmpty(delta.Text))
            return [TextDelta(delta.Text)];
        if (delta.Type == "input_json_delta" && !string.IsNullOrEmpty(delta.PartialJson)
            && _toolIndexByBlock.TryGetValue(blockIndex, out var toolIndex))
            return [ToolCallChunk(new ToolCall { Index = toolIndex, Function = new FunctionCall { Arguments = delta.PartialJson } })];
        return []; // thinking_delta, signature_delta, citations: not part of the OpenAI shape
    }

    /// <summary>Later usage wins field by field: message_delta repeats input counts on newer API versions and always carries the cumulative output.</summary>
    private void Merge(AnthropicUsage? usage)
    {
        if (usage is null) return;
        _usage = new AnthropicUsage
        {
            InputTokens = usage.InputTokens ?? _usage.InputTokens,
            CacheReadInputTokens = usage.CacheReadInputTokens ?? _usage.CacheReadInputTokens,
            CacheCreationInputTokens = usage.CacheCreationInputTokens ?? _usage.CacheCreationInputTokens,
            OutputTokens = usage.OutputTokens ?? _usage.OutputTokens,
        };
    }

    private ChatCompletionChunk ToolCallChunk(ToolCall call) => Chunk(new ChunkDelta { ToolCalls = [call] });

    private ChatCompletionChunk Chunk(ChunkDelta delta, string? finishReason = null) => new()
    {
        Id = _id, Created = created, Model = _model,
        Choices = [new ChunkChoice { Index = 0, Delta = delta, FinishReason = finishReason }],
    };

    private ChatCompletionChunk UsageChunk() => new()
    {
        Id = _id, Created = created, Model = _model, Usage = AnthropicUsageMapper.ToCanonical(_usage),
    };
}
