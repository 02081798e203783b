using Microsoft.AspNetCore.Http;

namespace Switchyard.Server.Endpoints;

/// <summary>
/// The request's whole-request deadline joined with the client's disconnect, so either one cancels
/// the upstream call; afterwards it tells which of the two it was (504 versus nothing to answer).
/// </summary>
public sealed class RequestDeadline : IDisposable
{
    private readonly CancellationTokenSource deadline;
    private readonly CancellationTokenSource linked;

    public RequestDeadline(HttpContext context, TimeSpan timeout, TimeProvider time)
    {
        deadline = new CancellationTokenSource(timeout, time);
        linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, context.RequestAborted);
        Seconds = timeout.TotalSeconds;
        At = time.GetUtcNow() + timeout;
    }

    /// <summary>When the deadline passes; the executor never starts a wait that would end after it.</summary>
    public DateTimeOffset At { get; }

    public CancellationToken Token => linked.Token;
    public double Seconds { get; }
    public bool Expired => deadline.IsCancellationRequested;

    public void Dispose()
    {
        linked.Dispose();
        deadline.Dispose();
    }
}
