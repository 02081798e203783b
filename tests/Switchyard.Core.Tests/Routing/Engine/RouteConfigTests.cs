using Switchyard.Core.Catalog;
using Switchyard.Core.Config;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Tests.Routing.Engine;

/// <summary>Routes in config: policies looked up by name, their params checked, splits checked; every mistake named with its path.</summary>
public class RouteConfigTests
{
    /// <summary>Three models outside the (empty) catalog, so each states its prices.</summary>
    private const string Models = """
        providers:
          oa: { kind: openai, base_url: simulator }
          an: { kind: anthropic, base_url: simulator }
        models:
          small:
            deployments: [{ provider: oa, input_price_per_million: 0.1, output_price_per_million: 0.4, tier: 2 }]
          medium:
            deployments: [{ provider: oa, input_price_per_million: 1, output_price_per_million: 4 }]
          large:
            deployments: [{ provider: an, input_price_per_million: 3, output_price_per_million: 15, tier: 5 }]
        """;

    private static GatewaySnapshot Validate(string routes) =>
        new ConfigValidator(_ => null, new Uri("http://127.0.0.1:9999"), ModelCatalog.Empty)
            .Validate(ConfigLoader.Parse(Models + "\n" + routes, "routes.yaml"), "routes.yaml");

    private static IReadOnlyList<string> Problems(string routes)
    {
        var error = Assert.Throws<ConfigException>(() => Validate(routes));
        Assert.Contains("routes.yaml", error.Message);
        return error.Problems;
    }

    [Fact]
    public void Builds_each_policy_with_its_params_and_a_split()
    {
        var snapshot = Validate("""
            routes:
              auto:
                models: [small, medium, large]
                policy: cheapest-capable
                params: { min_tier: 2, task_tiers: { code: 5, math: 4 }, escalate_below_confidence: 0.4, escalate_by: 2 }
                max_fallbacks: 1
              ab:
                models: [small, large]
                policy: weighted
                params: { weights: { small: 3, large: 1 } }
                split: { percent: 20, policy: lowest-latency, params: { max_cost_usd: 0.01 }, by: request }
                session_affinity: false
              plain:
                models: [large, small]
            """);
        var auto = snapshot.Routes["auto"];
        Assert.False(auto.IsModel);
        Assert.Equal(["oa/small", "oa/medium", "an/large"], auto.Deployments.Select(d => d.Id));
        Assert.IsType<CheapestCapablePolicy>(auto.Policy);
        Assert.Equal(1, auto.MaxFallbacks);
        Assert.True(auto.SessionAffinity);

        var ab = snapshot.Routes["ab"];
        Assert.IsType<WeightedPolicy>(ab.Policy);
        Assert.NotNull(ab.Split);
        Assert.Equal(20, ab.Split.Percent);
        Assert.False(ab.Split.BySession);
        Assert.IsType<LowestLatencyPolicy>(ab.Split.Policy);
        Assert.False(ab.SessionAffinity);

        Assert.Same(FixedPolicy.Instance, snapshot.Routes["plain"].Policy);
        Assert.Same(FixedPolicy.Instance, snapshot.Routes["small"].Policy); // a model is a route of its own
    }

    [Fact]
    public void Policy_names_are_case_insensitive()
    {
        Assert.IsType<WeightedPolicy>(Validate("routes: { r: { models: [small], policy: Weighted } }").Routes["r"].Policy);
    }

    [Fact]
    public void An_unknown_policy_is_refused_with_the_known_ones()
    {
        var problems = Problems("routes: { r: { models: [small], policy: cheapest } }");
        var problem = Assert.Single(problems);
        Assert.StartsWith("routes.r.policy: unknown policy 'cheapest' (known: fixed, cheapest-capable, weighted, lowest-latency", problem);
    }

    [Fact]
    public void Bad_cheapest_capable_params_are_refused_with_their_paths()
    {
        var problems = Problems("""
            routes:
              r:
                models: [small, large]
                policy: cheapest-capable
                params: { min_tier: 9, task_tiers: { code: 7, poetry: 3 }, escalate_below_confidence: lots, escalate_by: 1, max_tier: 5 }
            """);
        Assert.Contains(problems, p => p.StartsWith("routes.r.params.min_tier: ") && p.Contains("between 1 and 5"));
        Assert.Contains(problems, p => p.StartsWith("routes.r.params.task_tiers.code: "));
        Assert.Contains(problems, p => p.StartsWith("routes.r.params.task_tiers.poetry: unknown task class"));
        Assert.Contains(problems, p => p.StartsWith("routes.r.params.escalate_below_confidence: ") && p.Contains("lots"));
        Assert.Contains(problems, p => p.StartsWith("routes.r.params.max_tier: unknown parameter"));
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public void Weights_that_do_not_parse_are_refused()
    {
        var problems = Problems("routes: { r: { models: [small, large], policy: weighted, params: { weights: { small: abc, large: -1 } } } }");
        Assert.Contains(problems, p => p.StartsWith("routes.r.params.weights.small: ") && p.Contains("abc"));
        Assert.Contains(problems, p => p.StartsWith("routes.r.params.weights.large: "));
        Assert.Equal(2, problems.Count);

        Assert.Contains(Problems("routes: { r: { models: [small], policy: weighted, params: { weights: abc } } }"),
            p => p == "routes.r.params.weights: must be a map of name to number");
    }

    [Fact]
    public void Weights_for_a_model_outside_the_route_are_refused()
    {
        var problems = Problems("routes: { r: { models: [small, medium], policy: weighted, params: { weights: { small: 1, large: 1 } } } }");
        Assert.Equal("routes.r.params.weights.large: not a model of this route", Assert.Single(problems));
    }

    [Fact]
    public void A_bad_split_is_refused_with_its_paths()
    {
        var problems = Problems("""
            routes:
              a: { models: [small], split: { percent: 150, policy: weighted, by: user } }
              b: { models: [small], split: { percent: 10 } }
              c: { models: [small], split: { percent: 10, policy: coin-flip } }
              d: { models: [small], split: { percent: 10, policy: weighted, params: { weights: { ghost: 1 } } } }
            """);
        Assert.Contains("routes.a.split.percent: must be 0-100", problems);
        Assert.Contains("routes.a.split.by: must be \"session\" or \"request\"", problems);
        Assert.Contains("routes.b.split.policy: required", problems);
        Assert.Contains(problems, p => p.StartsWith("routes.c.split.policy: unknown policy 'coin-flip'"));
        Assert.Contains("routes.d.split.params.weights.ghost: not a model of this route", problems);
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public void Other_route_mistakes_are_named()
    {
        var problems = Problems("""
            routes:
              small: { models: [medium] }
              r: { models: [small, ghost], policy: lowest-latency, params: { max_cost_usd: free }, max_fallbacks: -1 }
              empty: { models: [] }
            """);
        Assert.Contains("routes.small: the name is already a model name", problems);
        Assert.Contains("routes.r.models: unknown model 'ghost'", problems);
        Assert.Contains(problems, p => p.StartsWith("routes.r.params.max_cost_usd: "));
        Assert.Contains("routes.r.max_fallbacks: must not be negative", problems);
        Assert.Contains("routes.empty.models: at least one model is required", problems);
    }

    [Fact]
    public void Routing_settings_are_checked_and_carried_into_the_snapshot()
    {
        var snapshot = Validate("routing: { pii: { enabled: true, tag: private }, session_affinity_minutes: 5 }");
        Assert.True(snapshot.Routing.PiiEnabled);
        Assert.Equal("private", snapshot.Routing.PiiTag);
        Assert.Equal(TimeSpan.FromMinutes(5), snapshot.Routing.SessionAffinity);

        var problems = Problems("routing: { pii: { enabled: true, tag: '' }, session_affinity_minutes: 0 }");
        Assert.Contains("routing.pii.tag: must not be empty", problems);
        Assert.Contains("routing.session_affinity_minutes: must be positive", problems);
    }
}
