using System.IO.Compression;
using System.Text;

namespace Switchyard.Core.Routing.Classification;

/// <summary>
/// The weights of <see cref="TaskClassifier"/>: one row of <see cref="ClassCount"/> weights per hashed
/// feature bucket, quantized to one signed byte each with square-root companding (fine steps near zero,
/// where most weights are) so the whole table is small enough to stay in the CPU cache.
/// </summary>
/// <remarks>
/// File layout (gzip-compressed, little-endian): magic "SYTC", format version, bucket bits, class count,
/// the largest absolute weight, a description string, then the table row by row.
/// </remarks>
public sealed class TaskClassifierModel
{
    public const int ClassCount = 9;
    private const int FormatVersion = 1;
    private static ReadOnlySpan<byte> Magic => "SYTC"u8;

    private TaskClassifierModel(int bucketBits, float maxWeight, sbyte[] table, string description)
    {
        BucketBits = bucketBits;
        MaxWeight = maxWeight;
        Table = table;
        Description = description;
        Decode = new float[256];
        for (var q = -127; q <= 127; q++)
            Decode[(byte)(sbyte)q] = Dequantize((sbyte)q, maxWeight);
    }

    public int BucketBits { get; }
    public int BucketMask => (1 << BucketBits) - 1;
    public float MaxWeight { get; }

    /// <summary>What the weights were trained on (sources, row counts, options), for provenance.</summary>
    public string Description { get; }

    internal sbyte[] Table { get; }

    /// <summary>Quantized byte (as unsigned index) to weight.</summary>
    internal float[] Decode { get; }

    /// <summary>The weight the model uses for a bucket and class, after quantization.</summary>
    public float Weight(int bucket, int taskClass) => Decode[(byte)Table[bucket * ClassCount + taskClass]];

    public static TaskClassifierModel FromWeights(float[] weights, int bucketBits, string description)
    {
        if (weights.Length != (1 << bucketBits) * ClassCount)
            throw new ArgumentException($"expected {(1 << bucketBits) * ClassCount} weights, got {weights.Length}", nameof(weights));
        var max = 0f;
        foreach (var w in weights) max = Math.Max(max, Math.Abs(w));
        if (max == 0) max = 1;
        var table = new sbyte[weights.Length];
        for (var i = 0; i < weights.Length; i++)
            table[i] = Quantize(weights[i], max);
        return new TaskClassifierModel(bucketBits, max, table, description);
    }

    private static sbyte Quantize(float w, float max)
    {
        var q = MathF.Round(127f * MathF.Sqrt(Math.Abs(w) / max));
        return (sbyte)(Math.Sign(w) * (int)Math.Min(127f, q));
    }

    private static float Dequantize(sbyte q, float max)
    {
        var r = q / 127f;
        return Math.Sign(q) * r * r * max;
    }

    public void Save(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(BucketBits);
        writer.Write(ClassCount);
        writer.Write(MaxWeight);
        writer.Write(Description);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Table.AsSpan()));
    }

    public void Save(string path)
    {
        using var file = File.Create(path);
        Save(file);
    }

    public static TaskClassifierModel Load(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(gzip, Encoding.UTF8, leaveOpen: true);
        if (!reader.ReadBytes(4).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException("not a task classifier weights file");
        var version = reader.ReadInt32();
        if (version != FormatVersion) throw new InvalidDataException($"unsupported task classifier weights version {version}");
        var bits = reader.ReadInt32();
        var classes = reader.ReadInt32();
        if (bits is < 8 or > 24 || classes != ClassCount) throw new InvalidDataException($"unexpected shape: {bits} bucket bits, {classes} classes");
        var max = reader.ReadSingle();
        var description = reader.ReadString();
        var table = new sbyte[(1 << bits) * ClassCount];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(table.AsSpan());
        gzip.ReadExactly(bytes);
        return new TaskClassifierModel(bits, max, table, description);
    }

    public static TaskClassifierModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file);
    }
}
