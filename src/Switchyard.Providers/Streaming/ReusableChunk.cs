using Switchyard.Core.Chat;

namespace Switchyard.Providers.Streaming;

/// <summary>
/// The one chunk object a stream hands out for every plain text delta (one choice, no tool calls,
/// no usage), refilled per delta. A stream's text deltas are most of its chunks, and a new chunk,
/// list, choice and delta per delta cost ~270 B, more than Issue 8's whole per-chunk budget. Safe
/// because <see cref="Core.Upstream.IProviderAdapter.StreamAsync"/> lends each chunk only until the
/// consumer asks for the next one.
/// </summary>
internal sealed class ReusableChunk
{
    private readonly List<ChunkChoice> _choices;

    public ReusableChunk()
    {
        Choice = new ChunkChoice { Delta = Delta };
        _choices = [Choice];
        Chunk = new ChatCompletionChunk { Choices = _choices };
    }

    public ChatCompletionChunk Chunk { get; }
    public ChunkChoice Choice { get; }
    public ChunkDelta Delta { get; } = new();

    /// <summary>Every field back to what a freshly deserialized chunk has when the JSON leaves it out.</summary>
    public ChatCompletionChunk Reset()
    {
        var chunk = Chunk;
        chunk.Id = "";
        chunk.Object = "chat.completion.chunk";
        chunk.Created = 0;
        chunk.Model = "";
        chunk.SystemFingerprint = null;
        chunk.ServiceTier = null;
        chunk.Usage = null;
        chunk.Obfuscation = null;
        chunk.Extra = null;
        // A consumer may not change a lent chunk, but a list put back whole costs nothing to check.
        if (chunk.Choices != _choices || _choices.Count != 1 || _choices[0] != Choice)
        {
            _choices.Clear();
            _choices.Add(Choice);
            chunk.Choices = _choices;
        }
        Choice.Index = 0;
        Choice.Delta = Delta;
        Choice.Logprobs = null;
        Choice.FinishReason = null;
        Delta.Role = null;
        Delta.Content = null;
        Delta.Refusal = null;
        Delta.ToolCalls = null;
        Delta.Extra = null;
        return chunk;
    }

    /// <summary>A text delta as the translating adapters write it: id, model and created of the stream, one choice.</summary>
    public ChatCompletionChunk Text(string id, string model, long created, int index, string content)
    {
        var chunk = Reset();
        chunk.Id = id;
        chunk.Model = model;
        chunk.Created = created;
        Choice.Index = index;
        Delta.Content = content;
        return chunk;
    }
}
