using System.Text;
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
    public static string Format(DateTime localTime, LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        var line = cached ?? new StringBuilder(256); // one per thread: the access log formats a line per request
        cached = null;
        line.Clear().Append(System.Globalization.CultureInfo.InvariantCulture, $"{localTime:HH:mm:ss} ")
            .Append(LevelName(level)).Append(": ")
            .Append(category).Append('[').Append(eventId.Id).Append("] ");
        AppendOneLine(line, message);
        if (exception is not null)
        {
            line.Append(' ');
            AppendOneLine(line, exception.ToString());
        }
        var text = line.Append('\n').ToString();
        if (line.Capacity <= 4096) cached = line; // an odd huge line (an exception) is not kept
        return text;
    }

    [ThreadStatic]
    private static StringBuilder? cached;

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

    private static void AppendOneLine(StringBuilder line, string text)
    {
        var start = line.Length;
        line.Append(text);
        for (var i = start; i < line.Length; i++)
            if (line[i] is '\r' or '\n') line[i] = ' ';
    }
}
