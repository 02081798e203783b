using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Faults;
using Switchyard.Simulator.Options;
using Switchyard.Simulator.State;

namespace Switchyard.Simulator.Exchange;

/// <summary>
/// The provider-neutral flow of one simulated request: admission (known model, context window,
/// outage, rate limit, fault), pacing, faults while answering, and the statistics record. The
/// provider endpoints parse the request and write the answer; everything else happens here.
/// </summary>
internal sealed class SimulatedExchange : IDisposable
{
    private static readonly Pacer Instant = new(TimeProvider.System, 0, TimeSpan.Zero, 0);
    private static readonly TimeSpan DeliveryGrace = TimeSpan.FromMilliseconds(50);

    private readonly SimulatorState _state;
    private readonly HttpContext _context;
    private readonly string _endpoint;
    private readonly long _startTimestamp;
    private readonly CancellationTokenSource? _linked;
    private string _model = "(unknown)";

    public SimulatedExchange(SimulatorState state, HttpContext context, ProviderDialect dialect, string endpoint)
    {
        _state = state;
        _context = context;
        _endpoint = endpoint;
        Dialect = dialect;
        _startTimestamp = state.Time.GetTimestamp();
        if (state.Stopping.CanBeCanceled)
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, state.Stopping);
        }
        Aborted = _linked?.Token ?? context.RequestAborted;
        if (dialect.RequestIdHeader is { } header)
        {
            RequestId = state.Ids.Next("req_", 24);
            context.Response.Headers[header] = RequestId;
        }
    }

    public ProviderDialect Dialect { get; }

    public string? RequestId { get; }

    public CancellationToken Aborted { get; }

    public FaultDecision Fault { get; private set; } = FaultDecision.None;

    public Pacer Pacer { get; private set; } = Instant;

    public DateTimeOffset Now => _state.Time.GetUtcNow();

    public IdGenerator Ids => _state.Ids;

    /// <summary>
    /// Decides whether the request gets an answer. When it does not, the error (or hang, or
    /// reset) has been carried out and false is returned.
    /// </summary>
    public async Task<bool> AdmitAsync(string model, SimDirective directive, bool stream, int promptTokens, int completionTokens)
    {
        _model = model;
        var options = _state.Options;
        if (options.KnownModelsOnly && !options.IsKnown(model))
        {
            await FailAsync(Dialect.UnknownModel(model));
            return false;
        }
        var settings = options.SettingsFor(model);
        if (settings.ContextWindow > 0 && promptTokens > settings.ContextWindow)
        {
            await FailAsync(Dialect.ContextLength(promptTokens, settings.ContextWindow));
            return false;
        }
        if (OutageRemaining(settings) is { } remaining)
        {
            var retryAfter = remaining == TimeSpan.MaxValue ? settings.RetryAfterSeconds : Seconds(remaining);
            await FailAsync(SimError.FromStatus(503, retryAfter));
            return false;
        }
        if (settings.RequestsPerMinute > 0 || settings.TokensPerMinute > 0)
        {
            var verdict = _state.WindowFor(model).TryAcquire(Now, settings.RequestsPerMinute, settings.TokensPerMinute, promptTokens, completionTokens);
            Dialect.AddRateLimitHeaders(_context.Response.Headers, verdict.Snapshot, Now);
            if (!verdict.Allowed)
            {
                await FailAsync(verdict.TokensExceeded
                    ? new SimError(429, SimErrorKind.RateLimitTokens, "Rate limit reached for tokens per minute (simulated).") { RetryAfterSeconds = Seconds(verdict.RetryAfter) }
                    : new SimError(429, SimErrorKind.RateLimitRequests, "Rate limit reached for requests per minute (simulated).") { RetryAfterSeconds = Seconds(verdict.RetryAfter) });
                return false;
            }
        }

        Fault = FaultPlanner.Decide(directive, settings, _state.Dice, stream);
        switch (Fault.Kind)
        {
            case FaultKind.HttpError:
                await FailAsync(SimError.FromStatus(Fault.Status, Fault.RetryAfterSeconds));
                return false;
            case FaultKind.Hang:
                await HangAsync();
                return false;
            case FaultKind.Reset:
                Record("reset");
                AbortConnection();
                return false;
        }
        var firstToken = TimeSpan.FromMilliseconds(directive.TimeToFirstTokenMs ?? settings.TimeToFirstTokenMs);
        Pacer = new Pacer(_state.Time, _startTimestamp, firstToken, directive.TokensPerSecond ?? settings.TokensPerSecond);
        return true;
    }

    /// <summary>Sends a whole JSON answer after its generation time, applying body faults.</summary>
    public async Task SendJsonAsync(ReadOnlyMemory<byte> body, int completionTokens)
    {
        try
        {
            await Pacer.WaitForTokenAsync(completionTokens, Aborted);
            var response = _context.Response;
            response.ContentType = "application/json";
            switch (Fault.Kind)
            {
                case FaultKind.Malformed:
                    // Well-framed but not JSON: the client reads the whole body and fails to parse it.
                    var half = body[..(body.Length / 2)];
                    response.ContentLength = half.Length;
                    await response.Body.WriteAsync(half, Aborted);
                    Record("malformed");
                    return;
                case FaultKind.Cut:
                    // Announce the full length, send half, then drop the connection.
                    response.ContentLength = body.Length;
                    await response.Body.WriteAsync(body[..(body.Length / 2)], Aborted);
                    await response.Body.FlushAsync(Aborted);
                    Record("cut");
                    await AbortAfterDeliveryAsync();
                    return;
            }
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, Aborted);
            Record("ok");
        }
        catch (OperationCanceledException) when (Aborted.IsCancellationRequested)
        {
            Record("client_closed");
        }
    }

    /// <summary>Runs a stream script, catching the planned ends (faults) and client disconnects.</summary>
    public async Task StreamAsync(Func<SseSink, Task> script, bool jsonArray = false, string? contentType = null)
    {
        var response = _context.Response;
        response.ContentType = contentType ?? Dialect.StreamContentType;
        response.Headers.CacheControl = "no-cache";
        var sink = new SseSink(this, response.BodyWriter, Dialect.FrameEnd, jsonArray);
        try
        {
            await script(sink);
            await sink.CompleteAsync();
            Record(Fault.Kind == FaultKind.Malformed ? "malformed" : "ok");
        }
        catch (StreamStoppedException stopped)
        {
            Record(stopped.Outcome);
        }
        catch (Exception) when (Aborted.IsCancellationRequested)
        {
            Record("client_closed");
        }
    }

    public async Task FailAsync(SimError error)
    {
        var response = _context.Response;
        response.StatusCode = error.Status;
        if (error.RetryAfterSeconds is { } seconds) response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            Dialect.WriteError(writer, error, RequestId);
        }
        response.ContentLength = buffer.WrittenCount;
        Record(StatusOutcome(error.Status));
        try
        {
            await response.Body.WriteAsync(buffer.WrittenMemory, Aborted);
        }
        catch (OperationCanceledException) when (Aborted.IsCancellationRequested)
        {
            // The client left; nothing more to do.
        }
    }

    public void AbortConnection() => _context.Abort();

    /// <summary>
    /// Aborts after what was flushed had time to reach the socket: Kestrel drops output still
    /// queued in its transport on abort, and the client would not see the partial answer.
    /// </summary>
    public async Task AbortAfterDeliveryAsync()
    {
        try
        {
            await Task.Delay(DeliveryGrace, _state.Time, Aborted);
        }
        catch (OperationCanceledException)
        {
            // Gone already: nothing left to cut.
        }
        _context.Abort();
    }

    /// <summary>Releases the link to the simulator's stop signal (a registration per request would otherwise pile up).</summary>
    public void Dispose() => _linked?.Dispose();

    private async Task HangAsync()
    {
        Record("hang");
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _state.Time, Aborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up (or the simulator stops): the point of the hang.
        }
    }

    private TimeSpan? OutageRemaining(SimulatedModelSettings settings)
    {
        if (settings.Outages.Count == 0) return null;
        var now = Now;
        foreach (var window in settings.Outages)
        {
            if (window.Remaining(now, _state.StartedAt) is { } remaining) return remaining;
        }
        return null;
    }

    private void Record(string outcome) => _state.Stats.Record(_model, _endpoint, outcome);

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));

    private static string StatusOutcome(int status) => status switch
    {
        400 => "http_400", 401 => "http_401", 403 => "http_403", 404 => "http_404", 429 => "http_429",
        500 => "http_500", 503 => "http_503", 529 => "http_529",
        _ => "http_" + status.ToString(CultureInfo.InvariantCulture),
    };
}
