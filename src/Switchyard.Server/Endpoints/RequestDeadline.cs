using Microsoft.AspNetCore.Http;

namespace Switchyard.Server.Endpoints;

/// <summary>
/// The request's whole-request deadline joined with the client's disconnect, so either one cancels
/// the upstream call; afterwards it tells which of the two it was (504 versus nothing to answer).
/// </summary>
/// <remarks>
/// One source carries both: its own timer is the deadline, and one registration on RequestAborted
/// cancels it when the client goes. A timed source linked with the client's token into a second one
/// cost a source, a registration list and a callback node more per request.
/// </remarks>
public sealed class RequestDeadline : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly CancellationTokenRegistration fromClient;
    private volatile bool clientGone;

    public RequestDeadline(HttpContext context, TimeSpan timeout, TimeProvider time)
    {
        source = new CancellationTokenSource(timeout, time);
        fromClient = context.RequestAborted.UnsafeRegister(static state => ((RequestDeadline)state!).ClientGone(), this);
        Seconds = timeout.TotalSeconds;
        At = time.GetUtcNow() + timeout;
    }

    /// <summary>When the deadline passes; the executor never starts a wait that would end after it.</summary>
    public DateTimeOffset At { get; }

    public CancellationToken Token => source.Token;
    public double Seconds { get; }

    /// <summary>The deadline passed (and not because the client went away first).</summary>
    public bool Expired => source.IsCancellationRequested && !clientGone;

    private void ClientGone()
    {
        clientGone = true; // before the cancel: code woken by it must already see why
        try { source.Cancel(); }
        catch (ObjectDisposedException) { } // the request ended as the client left
    }

    public void Dispose()
    {
        fromClient.Dispose();
        source.Dispose();
    }
}
