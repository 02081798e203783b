using Microsoft.Extensions.Logging;
using Switchyard.Storage.Writing;

namespace Switchyard.Server.RequestLog;

/// <summary>The writer's reports as log lines: the store going down and coming back, the spill file filling, every dropped row.</summary>
public sealed partial class RequestLogEvents(ILogger<RequestLogEvents> logger) : IRequestLogEvents
{
    public void StoreDown(string store, Exception error) => Down(logger, store, error.GetType().Name, error.Message);
    public void StoreBack(string store, long replayedRows) => Back(logger, store, replayedRows);
    public void SpillFull(string path, long maxBytes, bool failClosed) =>
        Full(logger, path, maxBytes, failClosed ? "new requests are refused with 503 until the store is back (request_log.on_full: fail_closed)" : "requests are served and their rows dropped, counted and logged (request_log.on_full: serve)");
    public void RowDropped(string requestId, string reason) => Dropped(logger, requestId, reason);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Request log store {Store} is down ({Kind}: {Message}); rows go to the spill file until it is back.")]
    private static partial void Down(ILogger logger, string store, string kind, string message);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Request log store {Store} is back; {Rows} spilled row(s) written.")]
    private static partial void Back(ILogger logger, string store, long rows);

    [LoggerMessage(EventId = 603, Level = LogLevel.Error, Message = "Request log spill file {Path} is full ({MaxBytes} bytes) and the store is down: {Consequence}.")]
    private static partial void Full(ILogger logger, string path, long maxBytes, string consequence);

    [LoggerMessage(EventId = 604, Level = LogLevel.Error, Message = "Request log row {RequestId} DROPPED: {Reason}.")]
    private static partial void Dropped(ILogger logger, string requestId, string reason);
}
