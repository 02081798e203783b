namespace Switchyard.Cli.Bench;

/// <summary>
/// Finds a stream's "[DONE]" in the bytes as they arrive, read by read. Why not a search per read: TCP
/// may split the marker across two reads ("data: [DO" then "NE]"), and a per-read search then calls a
/// complete stream cut.
/// </summary>
public struct DoneMarker
{
    private static readonly byte[] Done = "[DONE]"u8.ToArray();

    /// <summary>How many of the marker's first bytes ended the previous read.</summary>
    private int matched;

    public bool Seen { get; private set; }

    public void Feed(ReadOnlySpan<byte> read)
    {
        if (Seen || read.IsEmpty) return;
        if (matched > 0)
        {
            var rest = Done.AsSpan(matched);
            var common = Math.Min(rest.Length, read.Length);
            if (read[..common].SequenceEqual(rest[..common]))
            {
                if (common == rest.Length) { Seen = true; return; }
                matched += common; // the read ended inside the marker again
                return;
            }
        }
        if (read.IndexOf(Done) >= 0) { Seen = true; return; }
        matched = 0;
        for (var k = Math.Min(Done.Length - 1, read.Length); k > 0; k--)
            if (read[^k..].SequenceEqual(Done.AsSpan(0, k))) { matched = k; break; }
    }
}
