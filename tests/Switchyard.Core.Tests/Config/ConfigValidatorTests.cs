using Switchyard.Core.Config;

namespace Switchyard.Core.Tests.Config;

public class ConfigValidatorTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static Runtime.GatewaySnapshot Validate(string yaml, Func<string, string?>? env = null) =>
        new ConfigValidator(env ?? NoEnvironment, new Uri("http://127.0.0.1:9999")).Validate(ConfigLoader.Parse(yaml, "test.yaml"), "test.yaml");

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
        Assert.Equal(0.0125m, deployment.Price!.Cost(1000, 1000));
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
              x: { deployments: [{ provider: o }] }
              y: { deployments: [{ provider: a }] }
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
            models: { m: { deployments: [{ provider: o }] } }
            routes: { m: { models: [m] } }
            """));
        Assert.Contains(ex.Problems, p => p == "routes.m: the name is already a model name");
    }
}
