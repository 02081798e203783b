using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Core.Catalog;

namespace Switchyard.Core.Pricing;

/// <summary>
/// Keeps the last good live prices on disk (data_dir/prices.json), so a restart without network
/// starts from them instead of falling back to the catalog. Written atomically (temp file + move).
/// </summary>
public sealed class LastGoodPriceStore(string dataDir)
{
    public string Path { get; } = System.IO.Path.Combine(dataDir, "prices.json");

    public void Save(LivePrices prices)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var file = new StoredPrices
        {
            Source = prices.Source,
            FetchedAt = prices.FetchedAt,
            Prices = prices.Prices.ToDictionary(p => p.Key, p => new StoredPrice
            {
                Input = p.Value.InputPerMillion, Output = p.Value.OutputPerMillion, CachedInput = p.Value.CachedInputPerMillion,
                CacheWrite = p.Value.CacheWritePerMillion, PerRequest = p.Value.PerRequest,
            }),
        };
        var temp = Path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(file, StoredPricesContext.Default.StoredPrices));
        File.Move(temp, Path, overwrite: true);
    }

    /// <summary>The stored prices, or null when there are none or the file is unreadable (the catalog then stands).</summary>
    public LivePrices? Load(ModelCatalog catalog)
    {
        if (!File.Exists(Path)) return null;
        try
        {
            var file = JsonSerializer.Deserialize(File.ReadAllBytes(Path), StoredPricesContext.Default.StoredPrices);
            if (file?.Prices is null) return null;
            var prices = file.Prices
                .Where(p => catalog.Find(p.Key) is not null && p.Value.Input >= 0 && p.Value.Output >= 0)
                .ToFrozenDictionary(p => catalog.Find(p.Key)!.Id,
                    p => new ModelPricing(p.Value.Input, p.Value.Output, p.Value.CachedInput, p.Value.CacheWrite, p.Value.PerRequest));
            return new LivePrices(prices, file.Source ?? "stored", file.FetchedAt);
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null;
        }
    }
}

internal sealed class StoredPrices
{
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("fetched_at")] public DateTimeOffset FetchedAt { get; set; }
    [JsonPropertyName("prices")] public Dictionary<string, StoredPrice>? Prices { get; set; }
}

internal sealed class StoredPrice
{
    [JsonPropertyName("input")] public decimal Input { get; set; }
    [JsonPropertyName("output")] public decimal Output { get; set; }
    [JsonPropertyName("cached_input")] public decimal? CachedInput { get; set; }
    [JsonPropertyName("cache_write")] public decimal? CacheWrite { get; set; }
    [JsonPropertyName("per_request")] public decimal? PerRequest { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredPrices))]
internal sealed partial class StoredPricesContext : JsonSerializerContext;
