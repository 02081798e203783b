using Switchyard.Core.Accounting;
using Switchyard.Core.Health;
using Switchyard.Core.Pricing;
using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Classification;
using Switchyard.Core.Routing.Controls;
using Switchyard.Core.Routing.Pii;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Runtime;
using Switchyard.Core.Tests.Execution;

namespace Switchyard.Core.Tests.Health;

/// <summary>
/// Two equal deployments of one model behind the weighted policy (as a plain model with two
/// deployments is), fed by a simulated loop of requests (10 per second of fake time): traffic
/// moves away from the one that degrades and comes back when it heals.
/// </summary>
public class AdaptiveWeightingTests(ITestOutputHelper output)
{
    private static readonly Deployment A = ScriptedAdapter.Deployment("pa", "m");
    private static readonly Deployment B = ScriptedAdapter.Deployment("pb", "m");

    /// <summary>Routes and answers requests; the upstream's behaviour per deployment can change between phases.</summary>
    private sealed class Simulation
    {
        private readonly FakeTimeProvider time = new();
        private readonly Random upstream;
        private readonly RoutingServices services;
        private readonly RouteEntry route = new("m", IsModel: true, [A, B], new WeightedPolicy("m", new Dictionary<string, double>()));

        public Simulation(int seed)
        {
            upstream = new Random(seed);
            Registry = new HealthRegistry(() => ResilienceHealthSettings.Default, time, id => id.EndsWith("/m") ? "m" : null);
            services = new RoutingServices(TaskClassifier.Default, new PiiDetector(), Registry, Registry, new SessionAffinityStore(time),
                new RouteWeights(), new SeededRandom(seed), time);
        }

        public HealthRegistry Registry { get; }
        public double LatencyA = 200, LatencyB = 200, FailureB, RemainingB = 1.0;

        /// <summary>Runs <paramref name="requests"/> requests and returns B's share of primaries over the last <paramref name="measured"/>.</summary>
        public double Run(int requests, int measured)
        {
            var toB = 0;
            for (var i = 0; i < requests; i++)
            {
                var request = ScriptedAdapter.Request();
                var context = new RoutingContext(request, RequestControls.None, new CostEstimator(request, new PriceBook(), 500), services,
                    RoutingSettings.Default, $"req-{i}");
                var plan = RoutePlanner.Default.Plan(route, context).Plan;
                if (plan[0] == B && i >= requests - measured) toB++;
                foreach (var d in plan)
                {
                    var isB = d == B;
                    var latency = (isB ? LatencyB : LatencyA) * (0.8 + 0.4 * upstream.NextDouble());
                    var (remaining, limit) = isB && RemainingB < 1.0 ? ((long?)(RemainingB * 1000), (long?)1000) : (null, null);
                    if (isB && upstream.NextDouble() < FailureB)
                    {
                        Registry.RecordAttempt(new AttemptOutcome(d.Id, false, TimeSpan.FromMilliseconds(latency), "ServerError", "503"));
                        continue; // falls back to the other
                    }
                    Registry.RecordAttempt(new AttemptOutcome(d.Id, true, TimeSpan.FromMilliseconds(latency), RemainingRequests: remaining, LimitRequests: limit));
                    break;
                }
                time.Advance(TimeSpan.FromMilliseconds(100));
            }
            return (double)toB / measured;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Tripled_latency_drops_the_share_below_20_percent_within_200_requests_and_it_recovers(int seed)
    {
        var sim = new Simulation(seed);
        var before = sim.Run(300, 300);
        sim.LatencyB = 600;
        var degraded = sim.Run(200, 100);
        var weight = sim.Registry.AdaptiveWeight(B.Id);
        sim.LatencyB = 200;
        var healed = sim.Run(1000, 300);
        output.WriteLine($"seed {seed}: B's share {before:P1} healthy, {degraded:P1} over requests 101-200 at 3× latency (weight {weight:0.00}), {healed:P1} after healing");

        Assert.InRange(before, 0.40, 0.60);
        Assert.True(degraded < 0.20, $"share at 3× latency: {degraded:P1}");
        Assert.InRange(healed, 0.38, 0.62);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Failing_20_percent_drops_the_share_below_20_percent_within_200_requests_and_it_recovers(int seed)
    {
        var sim = new Simulation(seed);
        var before = sim.Run(300, 300);
        sim.FailureB = 0.2;
        var degraded = sim.Run(200, 100);
        var weight = sim.Registry.AdaptiveWeight(B.Id);
        Assert.False(sim.Registry.IsOpen(B.Id)); // 20% is degraded, not broken: the breaker stays closed
        sim.FailureB = 0;
        var healed = sim.Run(1000, 300);
        output.WriteLine($"seed {seed}: B's share {before:P1} healthy, {degraded:P1} over requests 101-200 at 20% failures (weight {weight:0.00}), {healed:P1} after healing");

        Assert.InRange(before, 0.40, 0.60);
        Assert.True(degraded < 0.20, $"share at 20% failures: {degraded:P1}");
        Assert.InRange(healed, 0.38, 0.62);
    }

    [Fact]
    public void Rate_limit_headers_lower_the_weight_before_any_429()
    {
        var sim = new Simulation(5);
        sim.Run(300, 300);
        Assert.Equal(1.0, sim.Registry.AdaptiveWeight(B.Id), 3);

        sim.RemainingB = 0.5; // half the limit left: no reason to move yet
        sim.Run(50, 50);
        Assert.Equal(1.0, sim.Registry.AdaptiveWeight(B.Id), 3);

        sim.RemainingB = 0.04; // 4% left, every answer still a 200
        var share = sim.Run(200, 100);
        var weight = sim.Registry.AdaptiveWeight(B.Id);
        output.WriteLine($"4% of the rate limit left: weight {weight:0.00}, share {share:P1}, no 429 yet");
        Assert.Equal(0.4, weight, 2);
        Assert.True(share < 0.4, $"share with 4% left: {share:P1}");
        Assert.Equal(1.0, sim.Registry.Snapshot(B.Id).SuccessRate);
        Assert.Equal(40, sim.Registry.Snapshot(B.Id).RemainingRequests);
    }

    [Fact]
    public void The_weight_keeps_a_floor_so_recovery_can_be_noticed()
    {
        var time = new FakeTimeProvider();
        var registry = new HealthRegistry(() => ResilienceHealthSettings.Default, time);
        for (var i = 0; i < 9; i++) registry.RecordAttempt(new AttemptOutcome("p/x", false, TimeSpan.Zero, "ServerError"));
        Assert.Equal(StatisticsSettings.Default.MinWeight, registry.AdaptiveWeight("p/x"), 6);
        Assert.Equal(1.0, registry.AdaptiveWeight("p/unknown"));
    }

    [Fact]
    public void Different_models_are_not_compared_on_latency()
    {
        var time = new FakeTimeProvider();
        var registry = new HealthRegistry(() => ResilienceHealthSettings.Default, time, id => id.Split('/')[1]);
        for (var i = 0; i < 20; i++)
        {
            registry.RecordAttempt(new AttemptOutcome("p/small", true, TimeSpan.FromMilliseconds(100)));
            registry.RecordAttempt(new AttemptOutcome("p/big", true, TimeSpan.FromMilliseconds(2000)));
            registry.RecordAttempt(new AttemptOutcome("q/big", true, TimeSpan.FromMilliseconds(6000)));
        }
        Assert.Equal(1.0, registry.AdaptiveWeight("p/small"));
        Assert.Equal(1.0, registry.AdaptiveWeight("p/big"));
        Assert.InRange(registry.AdaptiveWeight("q/big"), 0.06, 0.09); // (1.25 / 3)³ against its own model's peer
    }
}
