using System.Globalization;

namespace Switchyard.Server.Telemetry.Prometheus;

/// <summary>One time series of a metric: its tag names and values as text.</summary>
internal sealed class SeriesKey(KeyValuePair<string, string>[] tags, int hash)
{
    public KeyValuePair<string, string>[] Tags { get; } = tags;
    public int Hash { get; } = hash;
}

/// <summary>
/// Compares a measurement's tags with a stored series without building a key: finding the series
/// of a measurement allocates nothing once the series exists. Tag order does not matter.
/// </summary>
internal sealed class SeriesKeyComparer : IEqualityComparer<SeriesKey>, IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, SeriesKey>
{
    public static readonly SeriesKeyComparer Instance = new();

    public bool Equals(SeriesKey? x, SeriesKey? y)
    {
        if (ReferenceEquals(x, y)) return true;
        if (x is null || y is null || x.Hash != y.Hash || x.Tags.Length != y.Tags.Length) return false;
        foreach (var tag in x.Tags)
            if (Find(y.Tags, tag.Key) is not { } value || value != tag.Value) return false;
        return true;
    }

    public int GetHashCode(SeriesKey key) => key.Hash;

    public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> tags, SeriesKey key)
    {
        if (tags.Length != key.Tags.Length) return false;
        Span<char> buffer = stackalloc char[64];
        foreach (var tag in tags)
            if (Find(key.Tags, tag.Key) is not { } value || !Text(tag.Value, buffer).SequenceEqual(value)) return false;
        return true;
    }

    public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Span<char> buffer = stackalloc char[64];
        var hash = 0;
        foreach (var tag in tags) hash = unchecked(hash + TagHash(tag.Key, Text(tag.Value, buffer)));
        return hash;
    }

    public SeriesKey Create(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var stored = new KeyValuePair<string, string>[tags.Length];
        var hash = 0;
        Span<char> buffer = stackalloc char[64];
        for (var i = 0; i < tags.Length; i++)
        {
            var text = Text(tags[i].Value, buffer).ToString();
            stored[i] = new(tags[i].Key, text);
            hash = unchecked(hash + TagHash(tags[i].Key, text));
        }
        return new SeriesKey(stored, hash);
    }

    private static int TagHash(string name, ReadOnlySpan<char> value) =>
        HashCode.Combine(string.GetHashCode(name.AsSpan()), string.GetHashCode(value));

    private static string? Find(KeyValuePair<string, string>[] tags, string name)
    {
        foreach (var tag in tags) if (tag.Key == name) return tag.Value;
        return null;
    }

    /// <summary>A tag value as the text /metrics shows; numbers are formatted into <paramref name="buffer"/>.</summary>
    private static ReadOnlySpan<char> Text(object? value, Span<char> buffer)
    {
        switch (value)
        {
            case null: return "";
            case string s: return s;
            case bool b: return b ? "true" : "false";
            case ISpanFormattable f when f.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture): return buffer[..written];
            default: return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
    }
}
