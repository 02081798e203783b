using System.Collections.Frozen;
using System.Text.Json;

namespace Switchyard.Core.Catalog;

/// <summary>
/// Loads and checks the catalog file: unique ids and aliases, known task classes and
/// capabilities, tiers 1-5, non-negative prices, and every cited source listed. A broken file is
/// refused whole with every problem named.
/// </summary>
public static class CatalogLoader
{
    public const string ResourceName = "Switchyard.Core.Catalog.catalog.json";

    private static readonly Lazy<ModelCatalog> Builtin = new(() =>
    {
        using var stream = typeof(CatalogLoader).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The built-in catalog resource is missing.");
        return Load(stream, "the built-in catalog");
    });

    /// <summary>The catalog shipped in the repository (src/Switchyard.Core/Catalog/catalog.json).</summary>
    public static ModelCatalog LoadBuiltin() => Builtin.Value;

    public static ModelCatalog Load(Stream stream, string source)
    {
        CatalogFile file;
        try
        {
            file = JsonSerializer.Deserialize(stream, CatalogJsonContext.Default.CatalogFile) ?? new CatalogFile();
        }
        catch (JsonException ex)
        {
            throw new CatalogException(source, [$"not valid catalog JSON: {ex.Message}"]);
        }
        return Build(file, source);
    }

    public static ModelCatalog Build(CatalogFile file, string source)
    {
        var problems = new List<string>();
        var sourceIds = file.Sources.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var models = new List<CatalogModel>();
        for (var i = 0; i < file.Models.Count; i++)
        {
            var entry = file.Models[i];
            var path = $"models[{i}] ({entry.Id})";
            foreach (var name in entry.Aliases.Prepend(entry.Id))
                if (!names.Add(name)) problems.Add($"{path}: the name '{name}' is used twice");
            if (BuildModel(entry, path, sourceIds, problems) is { } model) models.Add(model);
        }
        if (problems.Count > 0) throw new CatalogException(source, problems);
        return new ModelCatalog(models, file.Sources);
    }

    private static CatalogModel? BuildModel(CatalogEntry e, string path, HashSet<string> sources, List<string> problems)
    {
        var before = problems.Count;
        if (string.IsNullOrWhiteSpace(e.Id)) problems.Add($"{path}.id: required");
        if (string.IsNullOrWhiteSpace(e.Provider)) problems.Add($"{path}.provider: required");
        var price = e.Price;
        if (price?.Input is not { } input || price.Output is not { } output)
        {
            problems.Add($"{path}.price: input and output prices are required");
            return null;
        }
        if (new[] { price.Input, price.Output, price.CachedInput, price.CacheWrite, price.PerRequest }.Any(p => p < 0))
            problems.Add($"{path}.price: prices must not be negative");
        CheckSource(price.Source, $"{path}.price.source", sources, problems, required: true);
        if (e.ContextWindow <= 0) problems.Add($"{path}.context_window: must be positive");
        if (e.MaxOutputTokens <= 0) problems.Add($"{path}.max_output_tokens: must be positive");
        if (e.OverallTier is < 1 or > 5) problems.Add($"{path}.overall_tier: must be 1-5");
        CheckSource(e.OverallTierSource, $"{path}.overall_tier_source", sources, problems, required: false);
        if (e.Tokenizer is not ("o200k_base" or "cl100k_base" or "estimate")) problems.Add($"{path}.tokenizer: '{e.Tokenizer}' is not o200k_base, cl100k_base or estimate");

        var capabilities = ModelCapabilities.None;
        foreach (var c in e.Capabilities)
        {
            if (CapabilityNames.TryParse(c, out var flag)) capabilities |= flag;
            else problems.Add($"{path}.capabilities: unknown capability '{c}' (tools, vision, json_schema, reasoning)");
        }

        var tasks = new Dictionary<TaskClass, TaskTier>();
        foreach (var (name, task) in e.Tasks)
        {
            if (!TaskClassNames.TryParse(name, out var taskClass)) { problems.Add($"{path}.tasks.{name}: unknown task class"); continue; }
            if (task is null) continue; // explicitly: no sourced figure
            if (task.Tier is < 1 or > 5) problems.Add($"{path}.tasks.{name}.tier: must be 1-5");
            if (string.IsNullOrWhiteSpace(task.Benchmark)) problems.Add($"{path}.tasks.{name}.benchmark: required");
            CheckSource(task.Source, $"{path}.tasks.{name}.source", sources, problems, required: true);
            tasks[taskClass] = new TaskTier(task.Tier, task.Benchmark, task.Score, task.Source);
        }
        if (problems.Count > before) return null;

        return new CatalogModel(e.Id, e.Provider, e.Aliases,
            new ModelPricing(input, output, price.CachedInput, price.CacheWrite, price.PerRequest),
            e.ContextWindow, e.MaxOutputTokens, capabilities, e.Tags.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            e.Tokenizer, e.OverallTier, tasks);
    }

    private static void CheckSource(string? id, string path, HashSet<string> sources, List<string> problems, bool required)
    {
        if (id is null) { if (required) problems.Add($"{path}: required"); return; }
        if (!sources.Contains(id)) problems.Add($"{path}: '{id}' is not in the sources list");
    }
}

public static class CapabilityNames
{
    public static bool TryParse(string name, out ModelCapabilities capability)
    {
        capability = name.ToLowerInvariant() switch
        {
            "tools" => ModelCapabilities.Tools,
            "vision" => ModelCapabilities.Vision,
            "json_schema" => ModelCapabilities.JsonSchema,
            "reasoning" => ModelCapabilities.Reasoning,
            _ => ModelCapabilities.None,
        };
        return capability != ModelCapabilities.None;
    }

    public static IEnumerable<string> Names(ModelCapabilities capabilities)
    {
        if (capabilities.HasFlag(ModelCapabilities.Tools)) yield return "tools";
        if (capabilities.HasFlag(ModelCapabilities.Vision)) yield return "vision";
        if (capabilities.HasFlag(ModelCapabilities.JsonSchema)) yield return "json_schema";
        if (capabilities.HasFlag(ModelCapabilities.Reasoning)) yield return "reasoning";
    }
}

public sealed class CatalogException(string source, IReadOnlyList<string> problems)
    : Exception($"Invalid catalog in {source}:\n" + string.Join("\n", problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
