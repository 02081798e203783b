using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Switchyard.Server.Logging;

/// <summary>
/// One log entry as one line, in the layout of the framework's simple console formatter with
/// SingleLine on (what the gateway printed before it batched its writes, so scripts that read the
/// log keep working): "HH:mm:ss info: Category[EventId] message exception". Line breaks inside the
/// message or the exception become spaces: one entry, one line.
/// </summary>
public static class ConsoleLineFormat
{
    /// <summary>
    /// Writes the line (with its line end) straight to the output, piece by piece: the log writer's
    /// drain formats here, so the request that logged made no copy of the line (bench/RESULTS.md).
    /// </summary>
    public static void Write(TextWriter output, DateTime localTime, LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        Span<char> number = stackalloc char[16];
        localTime.TryFormat(number, out var written, "HH:mm:ss", CultureInfo.InvariantCulture);
        output.Write(number[..written]);
        output.Write(' ');
        output.Write(LevelName(level));
        output.Write(": ");
        output.Write(category);
        output.Write('[');
        eventId.Id.TryFormat(number, out written, default, CultureInfo.InvariantCulture);
        output.Write(number[..written]);
        output.Write("] ");
        WriteOneLine(output, message);
        if (exception is not null)
        {
            output.Write(' ');
            WriteOneLine(output, exception.ToString());
        }
        output.Write('\n');
    }

    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    /// <summary>Writes the text with every CR and LF as a space.</summary>
    private static void WriteOneLine(TextWriter output, string text)
    {
        var rest = text.AsSpan();
        while (rest.IndexOfAny('\r', '\n') is var at and >= 0)
        {
            output.Write(rest[..at]);
            output.Write(' ');
            rest = rest[(at + 1)..];
        }
        output.Write(rest);
    }
}
