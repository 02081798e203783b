using Switchyard.Core.Catalog;
using Switchyard.Core.Config;
using Switchyard.Core.Execution;
using Switchyard.Core.Routing.Policies;

namespace Switchyard.Core.Tests.Execution;

/// <summary>The "resilience" config section as documented, its defaults and its validation.</summary>
public class ResilienceConfigTests
{
    private static readonly ModelCatalog Catalog = new([], []);

    private static Runtime.GatewaySnapshot Validate(string yaml) =>
        new ConfigValidator(_ => null, new Uri("http://127.0.0.1:9999"), Catalog).Validate(ConfigLoader.Parse(yaml, "test.yaml"), "test.yaml");

    private const string Models = """
        providers:
          a: { kind: openai, base_url: "http://127.0.0.1:1/v1", api_key: x }
          b: { kind: openai, base_url: "http://127.0.0.1:2/v1", api_key: x }
        models:
          m:
            deployments:
              - { provider: a, input_price_per_million: 1, output_price_per_million: 1 }
              - { provider: b, input_price_per_million: 1, output_price_per_million: 1 }
          single:
            deployments: [{ provider: a, input_price_per_million: 1, output_price_per_million: 1 }]
        """;

    [Fact]
    public void Defaults_apply_without_the_section()
    {
        var r = Validate(Models).Resilience;
        Assert.Equal(ResilienceSettings.Default, r);
        Assert.Equal(TimeSpan.FromSeconds(10), r.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), r.FirstByteTimeout);
        Assert.Equal(TimeSpan.FromSeconds(600), r.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), r.StreamStall);
        Assert.Equal(2, r.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(250), r.RetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), r.RetryMaxDelay);
        Assert.False(r.FallbackOnContentPolicy);
        Assert.False(r.WaitForHalfOpen);
        Assert.Equal(TimeSpan.FromSeconds(10), r.MaxHalfOpenWait);
        Assert.Equal(0.5, r.Breaker.FailureRatio);
        Assert.Equal(10, r.Breaker.MinThroughput);
        Assert.Equal(TimeSpan.FromSeconds(30), r.Breaker.Window);
        Assert.Equal(TimeSpan.FromSeconds(30), r.Breaker.BreakDuration);
        Assert.Equal(1, r.Breaker.HalfOpenTrials);
        Assert.Equal(TimeSpan.FromSeconds(60), r.Statistics.Window);
    }

    [Fact]
    public void Every_documented_field_binds()
    {
        var r = Validate(Models + """

            resilience:
              connect_timeout_seconds: 5
              first_byte_timeout_seconds: 20
              attempt_timeout_seconds: 120
              stream_stall_seconds: 15
              max_retries: 3
              retry_base_delay_ms: 100
              retry_max_delay_seconds: 4
              fallback_on_content_policy: true
              wait_for_half_open: true
              max_half_open_wait_seconds: 3
              circuit_breaker: { enabled: false, failure_ratio: 0.25, min_throughput: 20, window_seconds: 60, break_seconds: 10, half_open_trials: 2 }
              statistics: { window_seconds: 120, adaptive_weights: false, min_weight: 0.1 }
            """).Resilience;
        Assert.Equal(TimeSpan.FromSeconds(5), r.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), r.FirstByteTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120), r.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), r.StreamStall);
        Assert.Equal(3, r.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(100), r.RetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(4), r.RetryMaxDelay);
        Assert.True(r.FallbackOnContentPolicy);
        Assert.True(r.WaitForHalfOpen);
        Assert.Equal(TimeSpan.FromSeconds(3), r.MaxHalfOpenWait);
        Assert.False(r.Breaker.Enabled);
        Assert.Equal(0.25, r.Breaker.FailureRatio);
        Assert.Equal(20, r.Breaker.MinThroughput);
        Assert.Equal(TimeSpan.FromSeconds(60), r.Breaker.Window);
        Assert.Equal(TimeSpan.FromSeconds(10), r.Breaker.BreakDuration);
        Assert.Equal(2, r.Breaker.HalfOpenTrials);
        Assert.Equal(TimeSpan.FromSeconds(120), r.Statistics.Window);
        Assert.False(r.Statistics.AdaptiveWeights);
        Assert.Equal(0.1, r.Statistics.MinWeight);
    }

    [Fact]
    public void Wrong_values_are_listed_with_their_paths()
    {
        var ex = Assert.Throws<ConfigException>(() => Validate(Models + """

            resilience:
              attempt_timeout_seconds: 0
              max_retries: -1
              max_half_open_wait_seconds: -2
              circuit_breaker: { failure_ratio: 1.5, min_throughput: 0, half_open_trials: 0 }
              statistics: { min_weight: 0 }
            """));
        Assert.Contains("resilience.attempt_timeout_seconds: must be positive", ex.Problems);
        Assert.Contains("resilience.max_retries: must be 0-10", ex.Problems);
        Assert.Contains("resilience.max_half_open_wait_seconds: must be positive", ex.Problems);
        Assert.Contains("resilience.circuit_breaker.failure_ratio: must be in (0, 1]", ex.Problems);
        Assert.Contains("resilience.circuit_breaker.min_throughput: must be at least 1", ex.Problems);
        Assert.Contains("resilience.circuit_breaker.half_open_trials: must be at least 1", ex.Problems);
        Assert.Contains("resilience.statistics.min_weight: must be in (0, 1]", ex.Problems);
    }

    [Fact]
    public void A_model_with_several_deployments_shares_its_traffic_by_weight()
    {
        var snapshot = Validate(Models);
        Assert.IsType<WeightedPolicy>(snapshot.Routes["m"].Policy);
        Assert.Same(FixedPolicy.Instance, snapshot.Routes["single"].Policy);
        Assert.Equal("m", snapshot.FindDeployment("b/m")!.ModelName);
    }
}
