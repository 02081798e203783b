using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Switchyard.Server.Logging;

/// <summary>The gateway's console log: single lines (<see cref="ConsoleLineFormat"/>) written in batches (<see cref="BatchingConsoleWriter"/>).</summary>
public sealed class BatchingConsoleLoggerProvider(Stream output) : ILoggerProvider
{
    private readonly BatchingConsoleWriter writer = new(output);
    private readonly ConcurrentDictionary<string, Logger> loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => loggers.GetOrAdd(categoryName, name => new Logger(name, writer));

    public void Dispose() => writer.Dispose();

    private sealed class Logger(string category, BatchingConsoleWriter writer) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // The level filters (minimum level, "Microsoft" at Warning) are the logger factory's; this logger takes what passes them.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            if (string.IsNullOrEmpty(message) && exception is null) return;
            writer.Write(DateTime.Now, logLevel, category, eventId, message, exception);
        }
    }
}
