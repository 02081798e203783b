namespace Switchyard.Simulator.State;

/// <summary>Rate-limit figures for response headers. Resets are the time until the budget is full again.</summary>
internal readonly record struct RateLimitSnapshot(
    int RequestLimit, int RequestsRemaining, TimeSpan RequestsReset,
    int TokenLimit, int TokensRemaining, TimeSpan TokensReset,
    int InputTokensRemaining, int OutputTokensRemaining);

internal readonly record struct RateLimitVerdict(bool Allowed, bool TokensExceeded, TimeSpan RetryAfter, RateLimitSnapshot Snapshot);

/// <summary>
/// One model's request and token budget over a sliding minute. Only models with a configured
/// budget get one, so unlimited models take no lock. A request is counted with its prompt and
/// completion tokens (both are known before the answer is sent); a refused request is not counted.
/// </summary>
internal sealed class SlidingMinuteWindow
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Queue<Entry> _entries = new();
    private readonly Lock _lock = new();
    private int _inputTokens;
    private int _outputTokens;
    private DateTimeOffset _newestAt;

    private readonly record struct Entry(DateTimeOffset At, int Input, int Output);

    public RateLimitVerdict TryAcquire(DateTimeOffset now, int requestsPerMinute, int tokensPerMinute, int input, int output)
    {
        lock (_lock)
        {
            while (_entries.TryPeek(out var oldest) && oldest.At + Window <= now)
            {
                _entries.Dequeue();
                _inputTokens -= oldest.Input;
                _outputTokens -= oldest.Output;
            }

            var requestsOver = requestsPerMinute > 0 && _entries.Count >= requestsPerMinute;
            var tokensOver = tokensPerMinute > 0 && _inputTokens + _outputTokens + input + output > tokensPerMinute;
            var retryAfter = TimeSpan.Zero;
            if (requestsOver) retryAfter = _entries.Peek().At + Window - now;
            else if (tokensOver) retryAfter = TimeUntilTokensFit(now, tokensPerMinute, input + output);
            else
            {
                _entries.Enqueue(new Entry(now, input, output));
                _inputTokens += input;
                _outputTokens += output;
                _newestAt = now;
            }
            return new RateLimitVerdict(!(requestsOver || tokensOver), tokensOver && !requestsOver, retryAfter, Snapshot(now, requestsPerMinute, tokensPerMinute));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _inputTokens = _outputTokens = 0;
        }
    }

    private TimeSpan TimeUntilTokensFit(DateTimeOffset now, int limit, int needed)
    {
        var used = _inputTokens + _outputTokens;
        foreach (var entry in _entries)
        {
            used -= entry.Input + entry.Output;
            if (used + needed <= limit) return entry.At + Window - now;
        }
        return Window; // larger than the whole budget: never fits; a minute is the honest hint
    }

    private RateLimitSnapshot Snapshot(DateTimeOffset now, int requestLimit, int tokenLimit)
    {
        var fullReset = _entries.Count == 0 ? TimeSpan.Zero : _newestAt + Window - now;
        var used = _inputTokens + _outputTokens;
        return new RateLimitSnapshot(
            requestLimit, Math.Max(0, requestLimit - _entries.Count), fullReset,
            tokenLimit, Math.Max(0, tokenLimit - used), fullReset,
            Math.Max(0, tokenLimit - _inputTokens), Math.Max(0, tokenLimit - _outputTokens));
    }
}
