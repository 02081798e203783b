using Switchyard.Core.Chat;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// Turns the partial responses of one alt=sse stream into OpenAI chunks. Every chunk carries the
/// id and model of the first event. Gemini sends each function call whole, so it becomes one
/// complete tool_calls delta; usageMetadata is cumulative, so the last one seen is the total.
/// </summary>
internal sealed class GeminiStreamState(string id, string model, long created)
{
    private readonly Dictionary<int, CandidateProgress> _candidates = [];

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
