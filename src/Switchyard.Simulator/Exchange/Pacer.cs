namespace Switchyard.Simulator.Exchange;

/// <summary>
/// Timing of an answer: token <c>i</c> is due at time-to-first-token + i / tokens-per-second
/// after the request arrived. Waiting for a due time (not sleeping a fixed step per token)
/// keeps the overall rate right even when timers are coarse.
/// </summary>
internal sealed class Pacer(TimeProvider time, long startTimestamp, TimeSpan firstToken, double tokensPerSecond)
{
    private static readonly TimeSpan Negligible = TimeSpan.FromMilliseconds(1);

    public bool IsInstant => firstToken <= TimeSpan.Zero && tokensPerSecond <= 0;

    public ValueTask WaitForTokenAsync(int index, CancellationToken cancellationToken)
    {
        if (IsInstant) return ValueTask.CompletedTask;
        var due = firstToken + (tokensPerSecond > 0 ? TimeSpan.FromSeconds(index / tokensPerSecond) : TimeSpan.Zero);
        var wait = due - time.GetElapsedTime(startTimestamp);
        return wait > Negligible ? new ValueTask(Task.Delay(wait, time, cancellationToken)) : ValueTask.CompletedTask;
    }
}
