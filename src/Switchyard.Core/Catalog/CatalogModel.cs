namespace Switchyard.Core.Catalog;

/// <summary>What a model can do, as flags: routing filters on these.</summary>
[Flags]
public enum ModelCapabilities
{
    None = 0,
    Tools = 1,
    Vision = 2,
    JsonSchema = 4,
    Reasoning = 8,
}

/// <summary>USD prices; null where the provider does not bill that way.</summary>
public sealed record ModelPricing(
    decimal InputPerMillion,
    decimal OutputPerMillion,
    decimal? CachedInputPerMillion = null,
    decimal? CacheWritePerMillion = null,
    decimal? PerRequest = null);

/// <summary>A capability tier (1 = basic … 5 = frontier) for one task class, with where the figure came from.</summary>
/// <param name="Benchmark">The benchmark the tier was derived from, e.g. "HumanEval"; null when the tier is the model's overall tier.</param>
/// <param name="Score">The published score on that benchmark.</param>
/// <param name="Source">The id of an entry in the catalog's sources list.</param>
public sealed record TaskTier(int Tier, string? Benchmark, double? Score, string? Source);

/// <summary>One catalog entry: a model as its provider publishes it.</summary>
/// <param name="Id">The catalog id clients and config use, e.g. "gpt-4o", "claude-sonnet-4-5".</param>
/// <param name="Provider">The company: openai, anthropic, google, mistral, deepseek, alibaba, meta, xai.</param>
/// <param name="Aliases">Other names the same model goes by in price feeds and provider APIs ("openai/gpt-4o", dated snapshots).</param>
/// <param name="Tokenizer">"o200k_base" or "cl100k_base" where exact counting is possible, else "estimate".</param>
/// <param name="OverallTier">The fallback tier for task classes with no sourced figure.</param>
/// <param name="Tasks">Sourced tiers per task class; a class missing here falls back to <paramref name="OverallTier"/>.</param>
public sealed record CatalogModel(
    string Id,
    string Provider,
    IReadOnlyList<string> Aliases,
    ModelPricing Price,
    int ContextWindow,
    int MaxOutputTokens,
    ModelCapabilities Capabilities,
    IReadOnlySet<string> Tags,
    string Tokenizer,
    int OverallTier,
    IReadOnlyDictionary<TaskClass, TaskTier> Tasks)
{
    public int TierFor(TaskClass task) => Tasks.TryGetValue(task, out var tier) ? tier.Tier : OverallTier;

    public bool Has(ModelCapabilities capabilities) => (Capabilities & capabilities) == capabilities;
}
