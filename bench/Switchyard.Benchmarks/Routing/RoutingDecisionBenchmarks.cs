using BenchmarkDotNet.Attributes;
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
using Switchyard.Core.Tokens;
using Switchyard.Core.Upstream;

namespace Switchyard.Benchmarks.Routing;

/// <summary>
/// One routing decision as the gateway makes it per request: a fresh cost estimator and routing
/// context (prompt counted per tokenizer), the task classifier, every filter over 50 candidate
/// deployments, the cheapest-capable policy and the plan. Targets (issue 4): under 50 µs for a
/// 200-token prompt, under 200 µs for a 2,000-token one, at most 1 KB allocated per decision.
/// </summary>
/// <remarks>
/// Run: dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*Routing*' --job short
/// </remarks>
[MemoryDiagnoser]
public class RoutingDecisionBenchmarks
{
    private const int Candidates = 50;

    private RouteEntry route = null!;
    /// <summary>
    /// Copies of the request with their own string instances, taken in turn: a served request's prompt is a
    /// string the gateway has never counted, and token counts are remembered per string instance (see
    /// Tokens/RecentCounts.cs), so deciding on one instance over and over would measure a cache hit.
    /// More copies than that memory holds.
    /// </summary>
    private ChatRequest[] requests = null!;
    private int next;
    private readonly PriceBook prices = new();
    private readonly RoutingServices services = new(TaskClassifier.Default, new PiiDetector(), NoHealthData.Instance, NoHealthData.Instance,
        new SessionAffinityStore(TimeProvider.System), new RouteWeights(), new SeededRandom(1), TimeProvider.System);

    [Params(200, 2000)]
    public int PromptTokens { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        route = new RouteEntry("auto", IsModel: false, BuildDeployments(), new CheapestCapablePolicy(3,
            new Dictionary<TaskClass, int> { [TaskClass.Code] = 5, [TaskClass.Math] = 4, [TaskClass.Reasoning] = 4 }, 0.5, 1));
        var prompt = Prompt(PromptTokens);
        requests = [.. Enumerable.Range(0, 16).Select(_ => new ChatRequest
        {
            Model = "auto",
            Messages =
            [
                new ChatMessage { Role = "system", Content = MessageContent.FromText("You are a helpful assistant for the support team of an online shop.") },
                new ChatMessage { Role = "user", Content = MessageContent.FromText(new string(prompt.AsSpan())) },
            ],
        })];
        // Warm the tokenizers' tables and the classifier's weights outside the measurement.
        var decision = Decide();
        if (decision.Plan.Count == 0) throw new InvalidOperationException("no plan");
    }

    [Benchmark]
    public RoutingDecision Decide()
    {
        var request = requests[next];
        next = (next + 1) % requests.Length;
        var context = new RoutingContext(request, RequestControls.None, new CostEstimator(request, prices, 500), services,
            RoutingSettings.Default, "req-1");
        return RoutePlanner.Default.Plan(route, context);
    }

    /// <summary>
    /// 50 deployments over 10 providers and three wire formats: most count with o200k_base or the
    /// estimate, a few with cl100k_base; prices, tiers, capabilities and windows vary so every
    /// filter and the policy have real work.
    /// </summary>
    private static Deployment[] BuildDeployments()
    {
        string[] tokenizers = ["o200k_base", "estimate", "o200k_base", "estimate", "o200k_base", "estimate", "o200k_base", "estimate", "o200k_base", "cl100k_base"];
        string[] wires = ["openai", "anthropic", "gemini"];
        var random = new Random(50);
        var result = new Deployment[Candidates];
        for (var i = 0; i < Candidates; i++)
        {
            var provider = $"provider-{i % 10}";
            var wire = wires[i % 3];
            var endpoint = new ProviderEndpoint(provider, wire, new Uri("http://127.0.0.1:1/"), null, new Dictionary<string, string>());
            var tier = 1 + random.Next(5);
            var tasks = new Dictionary<TaskClass, TaskTier>
            {
                [TaskClass.Code] = new(Math.Clamp(tier + random.Next(-1, 2), 1, 5), "HumanEval", 80, "src"),
                [TaskClass.Math] = new(Math.Clamp(tier + random.Next(-1, 2), 1, 5), "MATH", 70, "src"),
            };
            var input = Math.Round((decimal)(0.05 + random.NextDouble() * 5), 2);
            var capabilities = ModelCapabilities.Tools | ModelCapabilities.JsonSchema | (i % 4 == 0 ? ModelCapabilities.None : ModelCapabilities.Vision);
            var tags = i % 3 == 0 ? new HashSet<string> { "no-training" } : new HashSet<string>();
            var model = new CatalogModel($"model-{i}", wire, [], new ModelPricing(input, input * 4), i % 7 == 0 ? 8_192 : 128_000, 16_384,
                capabilities, tags, tokenizers[i % tokenizers.Length], tier, tasks);
            result[i] = new Deployment($"{provider}/model-{i}", $"model-{i}", endpoint, $"model-{i}", model, null, false);
        }
        return result;
    }

    /// <summary>A support-style prompt of about <paramref name="tokens"/> o200k_base tokens.</summary>
    private static string Prompt(int tokens)
    {
        string[] sentences =
        [
            "A customer wrote to us about an order that arrived late and damaged.",
            "She says the box was crushed on one side and two of the glasses inside were broken.",
            "Our records show the parcel left the warehouse on Monday and was delivered on Friday afternoon.",
            "The courier marked the delivery as complete without noting any damage.",
            "She would like either a refund for the broken items or a replacement sent by express delivery.",
            "She has been a customer for four years and has placed more than thirty orders with us.",
            "Our policy allows refunds within thirty days when the customer sends a photo of the damage.",
            "She attached three photos, and they clearly show the broken glass and the crushed corner.",
        ];
        var text = new System.Text.StringBuilder("Please read the following case notes and suggest a polite reply that resolves the issue. ");
        for (var i = 0; TiktokenEncoder.O200kBase.Count(text.ToString()) < tokens; i++)
            text.Append(sentences[i % sentences.Length]).Append(' ');
        return text.ToString();
    }
}
