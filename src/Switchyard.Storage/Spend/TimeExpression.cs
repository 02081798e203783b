using System.Globalization;

namespace Switchyard.Storage.Spend;

/// <summary>
/// The times the spend and export commands take: an ISO 8601 date or date-time (UTC unless it
/// says otherwise, e.g. 2025-06-01 or 2025-06-01T12:00:00Z), "now", or a duration back from now
/// (90m, 24h, 7d).
/// </summary>
public static class TimeExpression
{
    public static DateTimeOffset Parse(string text, DateTimeOffset now)
    {
        var t = text.Trim();
        if (t.Equals("now", StringComparison.OrdinalIgnoreCase)) return now;
        if (t.Length >= 2 && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            TimeSpan? ago = char.ToLowerInvariant(t[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                'w' => TimeSpan.FromDays(7 * amount),
                _ => null,
            };
            if (ago is { } span) return now - span;
        }
        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)) return at;
        throw new FormatException($"'{text}' is not a time: use an ISO 8601 date or date-time (2025-06-01, 2025-06-01T12:00:00Z), 'now', or a duration back from now (90m, 24h, 7d)");
    }

    /// <summary>[from, to) with the defaults: from 24 hours ago (or the given default), to now (inclusive of this millisecond).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Range(string? from, string? to, DateTimeOffset now, TimeSpan defaultSpan)
    {
        var end = string.IsNullOrWhiteSpace(to) ? now.AddMilliseconds(1) : Parse(to, now);
        var start = string.IsNullOrWhiteSpace(from) ? end - defaultSpan : Parse(from, now);
        if (start > end) throw new FormatException("'from' is after 'to'");
        return (start, end);
    }
}
