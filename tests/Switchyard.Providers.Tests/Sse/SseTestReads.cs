using System.Text;
using Switchyard.Providers.Sse;

namespace Switchyard.Providers.Tests.Sse;

internal static class SseTestReads
{
    public static Task<List<(string? Event, string Data)>> ReadAllAsync(string text) =>
        ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    public static async Task<List<(string? Event, string Data)>> ReadAllAsync(Stream body)
    {
        var events = new List<(string?, string)>();
        await foreach (var e in SseReader.ReadAsync(body, TestContext.Current.CancellationToken))
            events.Add((e.EventName, Encoding.UTF8.GetString(e.Data.Span)));
        return events;
    }
}
