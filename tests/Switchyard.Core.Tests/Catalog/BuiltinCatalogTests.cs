using Switchyard.Core.Catalog;

namespace Switchyard.Core.Tests.Catalog;

/// <summary>Checks the shipped catalog.json: it loads, covers every provider, and every tier it claims is sourced.</summary>
public class BuiltinCatalogTests
{
    /// <summary>
    /// Model × task cells that carry a published figure. The README's catalog section quotes this number:
    /// change both together.
    /// </summary>
    public const int SourcedCells = 119;

    /// <summary>Models kept without any sourced task (the embedded default serves them); they carry a placeholder tier.</summary>
    private static readonly string[] UnsourcedModels = ["deepseek-chat", "grok-4.3"];

    private static readonly ModelCatalog Catalog = CatalogLoader.LoadBuiltin();

    [Fact]
    public void Loads_with_models_from_each_of_the_eight_providers()
    {
        Assert.True(Catalog.Models.Count >= 30, $"only {Catalog.Models.Count} models");
        string[] providers = ["openai", "anthropic", "google", "mistral", "deepseek", "alibaba", "meta", "xai"];
        foreach (var provider in providers)
            Assert.Contains(Catalog.Models, m => m.Provider == provider);
        Assert.All(Catalog.Models, m => Assert.Contains(m.Provider, providers));
    }

    [Fact]
    public void Every_task_tier_names_a_benchmark_a_score_and_a_listed_source()
    {
        var sources = Catalog.Sources.ToDictionary(s => s.Id);
        foreach (var model in Catalog.Models)
            foreach (var (task, tier) in model.Tasks)
            {
                var where = $"{model.Id} / {task.Name()}";
                Assert.False(string.IsNullOrWhiteSpace(tier.Benchmark), $"{where}: no benchmark");
                Assert.True(tier.Score is > 0, $"{where}: no score");
                Assert.True(tier.Source is not null && sources.ContainsKey(tier.Source), $"{where}: source '{tier.Source}' is not listed");
                Assert.False(string.IsNullOrWhiteSpace(sources[tier.Source!].Url), $"{where}: source without a url");
            }
    }

    [Fact]
    public void Every_listed_source_has_a_title_url_and_date()
    {
        Assert.All(Catalog.Sources, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Title), s.Id);
            Assert.StartsWith("https://", s.Url);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", s.Date ?? "");
        });
    }

    [Fact]
    public void The_same_benchmark_never_gives_a_higher_score_a_lower_tier()
    {
        // The tier rules are applied per benchmark; a better score must never map to a worse tier.
        var byBenchmark = Catalog.Models.SelectMany(m => m.Tasks.Values.Select(t => (Model: m.Id, t.Benchmark, Score: t.Score!.Value, t.Tier)))
            .GroupBy(x => x.Benchmark);
        foreach (var group in byBenchmark)
        {
            var ordered = group.OrderBy(x => x.Score).ToList();
            for (var i = 1; i < ordered.Count; i++)
                Assert.True(ordered[i].Tier >= ordered[i - 1].Tier,
                    $"{group.Key}: {ordered[i].Model} scores {ordered[i].Score} but has tier {ordered[i].Tier} < {ordered[i - 1].Model}'s {ordered[i - 1].Tier} at {ordered[i - 1].Score}");
        }
    }

    [Fact]
    public void Overall_tier_is_the_rounded_mean_of_the_sourced_task_tiers()
    {
        foreach (var model in Catalog.Models)
        {
            if (model.Tasks.Count == 0)
            {
                Assert.Contains(model.Id, UnsourcedModels);
                Assert.Equal(3, model.OverallTier);
                continue;
            }
            var mean = model.Tasks.Values.Average(t => t.Tier);
            Assert.True((int)Math.Floor(mean + 0.5) == model.OverallTier, $"{model.Id}: overall {model.OverallTier}, mean of task tiers {mean:0.00}");
        }
    }

    [Fact]
    public void Each_model_has_an_openrouter_style_name_and_every_name_finds_it()
    {
        foreach (var model in Catalog.Models)
        {
            Assert.True(model.Id.Contains('/') || model.Aliases.Any(a => a.Contains('/')), $"{model.Id}: no company/model alias for price feeds");
            Assert.Same(model, Catalog.Find(model.Id));
            foreach (var alias in model.Aliases) Assert.Same(model, Catalog.Find(alias));
        }
    }

    [Fact]
    public void Openai_models_use_exact_tokenizers_and_others_the_estimate()
    {
        foreach (var model in Catalog.Models)
            Assert.Equal(model.Provider == "openai" ? "o200k_base" : "estimate", model.Tokenizer);
    }

    [Fact]
    public void Prices_and_limits_are_plausible()
    {
        Assert.All(Catalog.Models, m =>
        {
            Assert.True(m.Price.InputPerMillion > 0 && m.Price.OutputPerMillion >= m.Price.InputPerMillion, m.Id);
            Assert.True(m.Price.CachedInputPerMillion is null || m.Price.CachedInputPerMillion < m.Price.InputPerMillion, m.Id);
            Assert.True(m.MaxOutputTokens <= m.ContextWindow, m.Id);
        });
    }

    [Fact]
    public void The_sourced_cell_count_matches_the_readme_figure()
    {
        var cells = Catalog.Models.Sum(m => m.Tasks.Count);
        var total = Catalog.Models.Count * Enum.GetValues<TaskClass>().Length;
        TestContext.Current.SendDiagnosticMessage($"catalog: {Catalog.Models.Count} models, {cells} of {total} model x task cells carry a sourced figure");
        Assert.Equal(SourcedCells, cells);
    }
}
