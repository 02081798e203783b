using Switchyard.Core.Chat;
using Switchyard.Providers.Streaming;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// Turns the partial responses of one alt=sse stream into OpenAI chunks. Every chunk carries the
/// id and model of the first event. Gemini sends each function call whole, so it becomes one
/// complete tool_calls delta; usageMetadata is cumulative, so the last one seen is the total.
/// </summary>
internal sealed class GeminiStreamState(string id, string model, long created)
{
    private readonly Dictionary<int, CandidateProgress> _candidates = [];
    private readonly ReusableChunk _text = new();
    // The fast path's usage, refilled per event; LastUsage points here only while it is the latest.
    private readonly GeminiUsageMetadata _fastUsage = new();

    public GeminiUsageMetadata? LastUsage { get; private set; }

    /// <summary>True once every candidate that appeared has sent its finishReason.</summary>
    public bool IsComplete => _candidates.Count > 0 && _candidates.Values.All(c => c.Finished);

    public IEnumerable<ChatCompletionChunk> Read(GeminiResponse response)
    {
        if (response.UsageMetadata is { } usage) LastUsage = usage;
        var candidates = response.Candidates ?? [];
        for (var position = 0; position < candidates.Count; position++)
        {
            var candidate = candidates[position];
            var index = candidate.Index ?? position;
            if (!_candidates.TryGetValue(index, out var progress))
            {
                _candidates[index] = progress = new CandidateProgress();
                yield return Chunk(index, new ChunkDelta { Role = "assistant", Content = "" });
            }
            if (GeminiCandidateReader.Text(candidate.Content) is { Length: > 0 } text)
                yield return Chunk(index, new ChunkDelta { Content = text });

            var calls = GeminiCandidateReader.ToolCalls(candidate.Content, id, index, progress.ToolCalls, withIndex: true);
            if (calls.Count > 0)
            {
                progress.ToolCalls += calls.Count;
                yield return Chunk(index, new ChunkDelta { ToolCalls = calls });
            }
            if (candidate.FinishReason is { } reason && !progress.Finished)
            {
                progress.Finished = true;
                var finish = Chunk(index, new ChunkDelta());
                finish.Choices[0].FinishReason = GeminiFinishReasons.ToOpenAI(reason, progress.ToolCalls > 0);
                yield return finish;
            }
        }
    }

    /// <summary>
    /// An event <see cref="GeminiTextEventReader"/> read: the text delta in the stream's reused chunk
    /// (null when the text is empty). False when the candidate is new, for its role chunk comes
    /// first: the caller parses such an event in full.
    /// </summary>
    public bool TryReadText(GeminiTextEventReader.TextEvent e, out ChatCompletionChunk? chunk)
    {
        chunk = null;
        if (!_candidates.ContainsKey(e.CandidateIndex)) return false;
        if (e.Usage is { } counts)
        {
            _fastUsage.PromptTokenCount = counts.PromptTokenCount;
            _fastUsage.CandidatesTokenCount = counts.CandidatesTokenCount;
            _fastUsage.ThoughtsTokenCount = counts.ThoughtsTokenCount;
            _fastUsage.CachedContentTokenCount = counts.CachedContentTokenCount;
            _fastUsage.ToolUsePromptTokenCount = counts.ToolUsePromptTokenCount;
            _fastUsage.TotalTokenCount = counts.TotalTokenCount;
            LastUsage = _fastUsage;
        }
        if (e.Text.Length > 0) chunk = _text.Text(id, model, created, e.CandidateIndex, e.Text);
        return true;
    }

    /// <summary>The OpenAI include_usage chunk: usage and no choices.</summary>
    public ChatCompletionChunk UsageChunk(GeminiUsageMetadata usage) =>
        new() { Id = id, Created = created, Model = model, Usage = GeminiUsageMapper.Map(usage) };

    private ChatCompletionChunk Chunk(int index, ChunkDelta delta) =>
        new() { Id = id, Created = created, Model = model, Choices = [new ChunkChoice { Index = index, Delta = delta }] };

    private sealed class CandidateProgress
    {
        public int ToolCalls { get; set; }
        public bool Finished { get; set; }
    }
}
