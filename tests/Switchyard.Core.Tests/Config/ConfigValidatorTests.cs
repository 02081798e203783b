using Switchyard.Core.Catalog;
using Switchyard.Core.Config;

namespace Switchyard.Core.Tests.Config;

public class ConfigValidatorTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    /// <summary>A one-model catalog, so the tests do not depend on the shipped catalog's contents.</summary>
    internal static readonly ModelCatalog TestCatalog = new(
    [
        new CatalogModel("cat-model", "openai", ["openai/cat-model"], new ModelPricing(1m, 4m, 0.5m), 200_000, 8192,
            ModelCapabilities.Tools | ModelCapabilities.Vision, new HashSet<string> { "no-training" }, "o200k_base", 4,
            new Dictionary<TaskClass, TaskTier> { [TaskClass.Code] = new(5, "HumanEval", 92, "src") }),
    ], []);

    private static Runtime.GatewaySnapshot Validate(string yaml, Func<string, string?>? env = null) =>
        new ConfigValidator(env ?? NoEnvironment, new Uri("http://127.0.0.1:9999"), TestCatalog).Validate(ConfigLoader.Parse(yaml, "test.yaml"), "test.yaml");

    [Fact]
    public void Builds_deployments_with_ids_prices_and_resolved_keys()
    {
        var snapshot = Validate("""
            providers:
              main: { kind: openai, api_key: env:MY_KEY }
            models:
              gpt-4o:
                deployments: [{ provider: main, model: gpt-4o-2024-08-06, input_price_per_million: 2.5, output_price_per_million: 10 }]
            """, name => name == "MY_KEY" ? "sk-secret" : null);

        var deployment = Assert.Single(snapshot.Routes["gpt-4o"].Deployments);
        Assert.Equal("main/gpt-4o-2024-08-06", deployment.Id);
        Assert.Equal("sk-secret", deployment.Provider.ApiKey);
        Assert.Equal(new Uri("https://api.openai.com/v1"), deployment.Provider.BaseUrl);
        Assert.Equal(new ModelPricing(2.5m, 10m), deployment.PriceOverride);
        Assert.Equal("gpt-4o", deployment.Model.Id);
        Assert.DoesNotContain("sk-secret", deployment.Provider.ToString());
    }

    [Fact]
    public void Lists_every_problem_with_its_path()
    {
        var ex = Assert.Throws<ConfigException>(() => Validate("""
            providers:
              a: { kind: nosuch }
              b: { kind: openai, base_url: "not a url" }
              c: { kind: anthropic }
            models:
              m1:
                deployments: [{ provider: missing }]
              m2:
                deployments: []
            routes:
              r: { models: [m1, ghost] }
            """));
        Assert.Contains(ex.Problems, p => p.StartsWith("providers.a.kind: unknown kind 'nosuch'"));
        Assert.Contains(ex.Problems, p => p.StartsWith("providers.b.base_url:"));
        Assert.Contains(ex.Problems, p => p == "providers.c.api_key: the environment variable ANTHROPIC_API_KEY is not set");
        Assert.Contains(ex.Problems, p => p.StartsWith("models.m1.deployments[0].provider: unknown provider 'missing'"));
        Assert.Contains(ex.Problems, p => p == "models.m2.deployments: at least one deployment is required");
        Assert.Contains(ex.Problems, p => p == "routes.r.models: unknown model 'ghost'");
        Assert.Contains("test.yaml", ex.Message);
    }

    [Fact]
    public void Unknown_yaml_key_names_the_line()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("server:\n  urlz: x\n", "typo.yaml"));
        Assert.Contains("typo.yaml", ex.Message);
        Assert.Contains("line 2", ex.Message);
    }

    [Fact]
    public void Simulator_base_url_uses_the_running_simulator_per_wire()
    {
        var snapshot = Validate("""
            providers:
              o: { kind: openai, base_url: simulator }
              a: { kind: anthropic, base_url: simulator }
            models:
              x: { deployments: [{ provider: o, input_price_per_million: 1, output_price_per_million: 2 }] }
              y: { deployments: [{ provider: a, input_price_per_million: 1, output_price_per_million: 2 }] }
            """);
        Assert.Equal(new Uri("http://127.0.0.1:9999/v1"), snapshot.Routes["x"].Deployments[0].Provider.BaseUrl);
        Assert.Equal(new Uri("http://127.0.0.1:9999/"), snapshot.Routes["y"].Deployments[0].Provider.BaseUrl);
        Assert.True(snapshot.Routes["y"].Deployments[0].Simulated);
        Assert.True(snapshot.UsesSimulator);
    }

    [Fact]
    public void Route_name_may_not_shadow_a_model()
    {
        var ex = Assert.Throws<ConfigException>(() => Validate("""
            providers: { o: { kind: ollama } }
            models: { m: { deployments: [{ provider: o, input_price_per_million: 0, output_price_per_million: 0 }] } }
            routes: { m: { models: [m] } }
            """));
        Assert.Contains(ex.Problems, p => p == "routes.m: the name is already a model name");
    }

    [Fact]
    public void A_catalog_model_takes_its_facts_from_the_catalog_and_overrides_from_the_deployment()
    {
        var snapshot = Validate("""
            providers: { o: { kind: ollama } }
            models:
              cat-model:
                deployments:
                  - { provider: o }
                  - { provider: o, model: local-cat, context_window: 32000, tags: [eu-hosted], output_price_per_million: 0, input_price_per_million: 0 }
              other-name:
                deployments: [{ provider: o, catalog_id: openai/cat-model }]
            """);
        var plain = snapshot.Routes["cat-model"].Deployments[0];
        Assert.Null(plain.PriceOverride);
        Assert.Equal(200_000, plain.Model.ContextWindow);
        Assert.Equal(5, plain.Model.TierFor(TaskClass.Code));
        Assert.Equal(4, plain.Model.TierFor(TaskClass.Math)); // no sourced figure: the overall tier

        var local = snapshot.Routes["cat-model"].Deployments[1];
        Assert.Equal("o/local-cat", local.Id);
        Assert.Equal(32_000, local.Model.ContextWindow);
        Assert.Equal(new ModelPricing(0m, 0m, 0.5m), local.PriceOverride);
        Assert.Contains("eu-hosted", local.Model.Tags);
        Assert.Contains("no-training", local.Model.Tags);

        Assert.Equal("cat-model", snapshot.Routes["other-name"].Deployments[0].Model.Id);
    }

    [Fact]
    public void A_model_outside_the_catalog_must_state_its_price()
    {
        var ex = Assert.Throws<ConfigException>(() => Validate("""
            providers: { o: { kind: ollama } }
            models:
              my-llama: { deployments: [{ provider: o }] }
              typo: { deployments: [{ provider: o, catalog_id: no-such-entry }] }
            """));
        Assert.Contains(ex.Problems, p => p.StartsWith("models.my-llama.deployments[0]: 'my-llama' is not in the catalog, so input_price_per_million and output_price_per_million are required"));
        Assert.Contains(ex.Problems, p => p == "models.typo.deployments[0].catalog_id: 'no-such-entry' is not in the catalog");
    }

    [Fact]
    public void Accounting_and_pricing_settings_are_checked()
    {
        var ex = Assert.Throws<ConfigException>(() => Validate("""
            pricing: { refresh_interval_minutes: 0 }
            accounting: { baseline_model: nowhere, expected_output_tokens: -1 }
            """));
        Assert.Contains(ex.Problems, p => p.StartsWith("pricing.refresh_interval_minutes"));
        Assert.Contains(ex.Problems, p => p.StartsWith("accounting.baseline_model: 'nowhere'"));
        Assert.Contains(ex.Problems, p => p.StartsWith("accounting.expected_output_tokens"));
    }

    [Fact]
    public void Lists_the_tokenizers_of_the_configured_models_once_each()
    {
        var snapshot = Validate("""
            providers:
              main: { kind: openai, api_key: sk-test }
            models:
              a: { deployments: [{ provider: main, model: cat-model }] }
              b: { deployments: [{ provider: main, model: cat-model }] }
            """);
        Assert.Equal(["o200k_base"], snapshot.Tokenizers);
    }
}
