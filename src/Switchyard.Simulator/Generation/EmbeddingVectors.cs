namespace Switchyard.Simulator.Generation;

/// <summary>
/// Deterministic unit vectors for embeddings. Each distinct word (lower-cased) adds its own
/// pseudo-random direction, weighted by its count, plus a small component from the whole text;
/// texts that share words therefore get a higher cosine similarity, as real embeddings do,
/// and equal texts get equal vectors.
/// </summary>
internal static class EmbeddingVectors
{
    public const int DefaultDimensions = 1536;
    private const int MaxDistinctWords = 256;
    private const float WholeTextWeight = 0.25f;

    public static float[] For(string text, int dimensions)
    {
        var vector = new float[dimensions];
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = word.Trim('.', ',', ';', ':', '!', '?', '"', '\'', '(', ')');
            if (trimmed.Length == 0 || (words.Count >= MaxDistinctWords && !words.ContainsKey(trimmed))) continue;
            words[trimmed] = words.GetValueOrDefault(trimmed) + 1;
        }
        foreach (var (word, count) in words)
        {
            AddDirection(vector, StableHash.Of(word), count);
        }
        AddDirection(vector, StableHash.Of(text, 0x7E17), words.Count == 0 ? 1 : WholeTextWeight);
        Normalize(vector);
        return vector;
    }

    private static void AddDirection(float[] vector, ulong seed, float weight)
    {
        var random = new SplitMix64(seed);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] += weight * (float)(random.NextDouble() * 2 - 1);
        }
    }

    private static void Normalize(float[] vector)
    {
        double sum = 0;
        foreach (var x in vector) sum += x * x;
        var scale = sum > 0 ? (float)(1 / Math.Sqrt(sum)) : 0;
        for (var i = 0; i < vector.Length; i++) vector[i] *= scale;
    }
}
