using Switchyard.Core.Accounting;
using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;
using Switchyard.Core.Pricing;
using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Classification;
using Switchyard.Core.Routing.Controls;
using Switchyard.Core.Routing.Pii;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Tests.Routing.Engine;

/// <summary>Hand-built deployments, routes, requests and routing contexts for the engine's unit tests.</summary>
internal static class RoutingTestKit
{
    public const ModelCapabilities AllCapabilities = ModelCapabilities.Tools | ModelCapabilities.Vision | ModelCapabilities.JsonSchema;

    /// <summary>A deployment "provider/model" on a wire (openai, anthropic, gemini) with prices per 1M tokens and tiers.</summary>
    public static Deployment Deployment(string provider, string model, decimal input = 1m, decimal output = 2m, int tier = 3,
        Dictionary<TaskClass, int>? tasks = null, ModelCapabilities capabilities = AllCapabilities, string[]? tags = null,
        int contextWindow = 128_000, int maxOutput = 16_384, string tokenizer = "o200k_base", string? kind = null, string? company = null)
    {
        var wire = kind ?? provider.Split('-')[0] switch { "anthropic" => "anthropic", "gemini" => "gemini", _ => "openai" };
        var endpoint = new ProviderEndpoint(provider, wire, new Uri("http://127.0.0.1:1/"), null, new Dictionary<string, string>());
        var tiers = (tasks ?? []).ToDictionary(t => t.Key, t => new TaskTier(t.Value, null, null, null));
        var catalogModel = new CatalogModel(model, company ?? wire, [], new ModelPricing(input, output), contextWindow, maxOutput,
            capabilities, new HashSet<string>(tags ?? [], StringComparer.OrdinalIgnoreCase), tokenizer, tier, tiers);
        return new Deployment($"{provider}/{model}", model, endpoint, model, catalogModel, null, false);
    }

    public static RouteEntry Route(IRoutingPolicy policy, params Deployment[] deployments) =>
        new("r", IsModel: false, deployments, policy);

    public static RouteEntry Route(params Deployment[] deployments) => Route(FixedPolicy.Instance, deployments);

    public static ChatRequest Request(string prompt = "Hello there, how are you today?", string? system = null) => new()
    {
        Model = "r",
        Messages = system is null
            ? [new ChatMessage { Role = "user", Content = MessageContent.FromText(prompt) }]
            : [new ChatMessage { Role = "system", Content = MessageContent.FromText(system) }, new ChatMessage { Role = "user", Content = MessageContent.FromText(prompt) }],
    };

    public static RoutingServices Services(ITaskClassifier? classifier = null, IDeploymentHealth? health = null, IDeploymentStats? stats = null,
        TimeProvider? time = null, int seed = 1, RouteWeights? weights = null, IRandomSource? random = null) =>
        new(classifier ?? new FakeClassifier(TaskClass.Chat, 0.9), new PiiDetector(), health ?? NoHealthData.Instance, stats ?? NoHealthData.Instance,
            new SessionAffinityStore(time ?? TimeProvider.System), weights ?? new RouteWeights(), random ?? new SeededRandom(seed), time ?? TimeProvider.System);

    public static RoutingContext Context(ChatRequest? request = null, RequestControls? controls = null, RoutingServices? services = null,
        RoutingSettings? settings = null, string requestId = "req-1", string? session = null, KeyRoutingPolicy? key = null, int expectedOutput = 500)
    {
        request ??= Request();
        return new RoutingContext(request, controls ?? RequestControls.None, new CostEstimator(request, new PriceBook(), expectedOutput),
            services ?? Services(), settings ?? RoutingSettings.Default, requestId, session, key);
    }

    public static RoutingDecision Plan(RouteEntry route, RoutingContext context, IReadOnlyList<Deployment>? extra = null) =>
        RoutePlanner.Default.Plan(route, context, extra, explain: true);

    public static string[] Ids(IEnumerable<Deployment> deployments) => deployments.Select(d => d.Id).ToArray();
}

/// <summary>A classifier that always answers the prediction it was given.</summary>
internal sealed class FakeClassifier(TaskPrediction prediction) : ITaskClassifier
{
    public FakeClassifier(TaskClass task, double confidence) : this(new TaskPrediction(task, confidence, TaskClass.Chat, 1 - confidence)) { }

    public int Calls { get; private set; }

    public TaskPrediction Classify(string prompt, string? system = null)
    {
        Calls++;
        return prediction;
    }
}

/// <summary>Open circuits by deployment id; changeable between decisions.</summary>
internal sealed class FakeHealth(params string[] open) : IDeploymentHealth
{
    public HashSet<string> Open { get; } = [.. open];
    public bool IsOpen(string deploymentId) => Open.Contains(deploymentId);
}

/// <summary>Recent p95 latencies by deployment id; missing = unknown.</summary>
internal sealed class FakeStats : IDeploymentStats
{
    public Dictionary<string, double> P95 { get; } = [];
    public double? P95LatencyMs(string deploymentId) => P95.TryGetValue(deploymentId, out var v) ? v : null;
}

/// <summary>A clock that moves only when told to.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long ticks = TimeSpan.FromDays(1).Ticks;

    public void Advance(TimeSpan by) => ticks += by.Ticks;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => ticks;
    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(ticks);
}
