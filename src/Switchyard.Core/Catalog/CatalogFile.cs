using System.Text.Json.Serialization;

namespace Switchyard.Core.Catalog;

/// <summary>
/// The catalog data file as written (catalog.json, snake_case). Every price and tier names a
/// source from <see cref="Sources"/>; <see cref="CatalogLoader"/> checks that and more.
/// </summary>
public sealed class CatalogFile
{
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("updated")] public string? Updated { get; set; }
    [JsonPropertyName("sources")] public List<CatalogSource> Sources { get; set; } = [];
    /// <summary>How each benchmark's score maps to a tier, in words (documentation for readers of the file).</summary>
    [JsonPropertyName("tier_rules")] public Dictionary<string, string>? TierRules { get; set; }
    [JsonPropertyName("models")] public List<CatalogEntry> Models { get; set; } = [];
}

public sealed class CatalogSource
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("url")] public string? Url { get; set; }
    [JsonPropertyName("date")] public string? Date { get; set; }
}

public sealed class CatalogEntry
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("provider")] public string Provider { get; set; } = "";
    [JsonPropertyName("aliases")] public List<string> Aliases { get; set; } = [];
    [JsonPropertyName("price")] public PriceEntry? Price { get; set; }
    [JsonPropertyName("context_window")] public int ContextWindow { get; set; }
    [JsonPropertyName("max_output_tokens")] public int MaxOutputTokens { get; set; }
    /// <summary>Any of tools, vision, json_schema, reasoning.</summary>
    [JsonPropertyName("capabilities")] public List<string> Capabilities { get; set; } = [];
    /// <summary>Data-policy tags the provider states, e.g. no-training, zero-retention, eu-hosted.</summary>
    [JsonPropertyName("tags")] public List<string> Tags { get; set; } = [];
    [JsonPropertyName("tokenizer")] public string Tokenizer { get; set; } = "estimate";
    [JsonPropertyName("overall_tier")] public int OverallTier { get; set; }
    [JsonPropertyName("overall_tier_source")] public string? OverallTierSource { get; set; }
    /// <summary>Task class name → sourced tier; a class left out (or null) has no sourced figure.</summary>
    [JsonPropertyName("tasks")] public Dictionary<string, TaskEntry?> Tasks { get; set; } = [];
}

public sealed class PriceEntry
{
    /// <summary>USD per 1M input tokens.</summary>
    [JsonPropertyName("input")] public decimal? Input { get; set; }
    [JsonPropertyName("output")] public decimal? Output { get; set; }
    [JsonPropertyName("cached_input")] public decimal? CachedInput { get; set; }
    [JsonPropertyName("cache_write")] public decimal? CacheWrite { get; set; }
    /// <summary>USD per request, where the provider bills one.</summary>
    [JsonPropertyName("per_request")] public decimal? PerRequest { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
}

public sealed class TaskEntry
{
    [JsonPropertyName("tier")] public int Tier { get; set; }
    [JsonPropertyName("benchmark")] public string? Benchmark { get; set; }
    [JsonPropertyName("score")] public double? Score { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(CatalogFile))]
public sealed partial class CatalogJsonContext : JsonSerializerContext;
