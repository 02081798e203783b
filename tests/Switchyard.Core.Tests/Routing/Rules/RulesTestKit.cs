using Switchyard.Core.Accounting;
using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;
using Switchyard.Core.Config;
using Switchyard.Core.Pricing;
using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Classification;
using Switchyard.Core.Routing.Controls;
using Switchyard.Core.Routing.Pii;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Tests.Routing.Rules;

/// <summary>A classifier that answers what the test says and counts how often it was asked.</summary>
internal sealed class FakeClassifier(TaskClass task, double confidence) : ITaskClassifier
{
    public int Calls { get; private set; }

    public TaskPrediction Classify(string prompt, string? system = null)
    {
        Calls++;
        return new TaskPrediction(task, confidence, TaskClass.Chat);
    }
}

/// <summary>One request to route, described by what the rules can look at.</summary>
internal sealed record TestRequest
{
    public string Prompt { get; init; } = "Hello there";
    public string? System { get; init; }
    public TaskClass Task { get; init; } = TaskClass.Chat;
    public double Confidence { get; init; } = 0.9;
    public Dictionary<string, string>? Metadata { get; init; }
    public Dictionary<string, string>? Headers { get; init; }
    public string? User { get; init; }
    public string? Tier { get; init; }
    public string Model { get; init; } = "smart";
    public bool Tools { get; init; }
    public bool Image { get; init; }
    public bool Stream { get; init; }
    public bool PiiDetection { get; init; }

    public RoutingContext Context(out FakeClassifier classifier)
    {
        classifier = new FakeClassifier(Task, Confidence);
        var messages = new List<ChatMessage>();
        if (System is not null) messages.Add(new ChatMessage { Role = "system", Content = MessageContent.FromText(System) });
        var content = Image
            ? new MessageContent { Parts = [new ContentPart { Type = "text", Text = Prompt }, new ContentPart { Type = "image_url", ImageUrl = new ImageUrl { Url = "https://example.com/a.png" } }] }
            : MessageContent.FromText(Prompt);
        messages.Add(new ChatMessage { Role = "user", Content = content });
        var request = new ChatRequest
        {
            Model = Model,
            Messages = messages,
            User = User,
            Metadata = Metadata,
            Stream = Stream ? true : null,
            Tools = Tools ? [new ToolDefinition { Type = "function", Function = new FunctionDefinition { Name = "lookup" } }] : null,
        };
        var services = new RoutingServices(classifier, new PiiDetector(), NoHealthData.Instance, NoHealthData.Instance,
            new SessionAffinityStore(TimeProvider.System), new RouteWeights(), new SeededRandom(1), TimeProvider.System);
        var headers = Headers is null ? null : new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase);
        return new RoutingContext(request, RequestControls.None, new CostEstimator(request, new PriceBook(), 500), services,
            new RoutingSettings { PiiEnabled = PiiDetection }, "req-1",
            key: Tier is null ? null : new KeyRoutingPolicy { Tier = Tier },
            header: headers is null ? null : name => headers.TryGetValue(name, out var v) ? v : null);
    }

    public RoutingContext Context() => Context(out _);
}

internal static class RulesTestKit
{
    private static readonly ModelCatalog EmptyCatalog = new([], []);

    /// <summary>Three providers; "claude" has two deployments (anthropic, then a second account) so grouping can be seen; "outsider" is configured but in no route.</summary>
    private const string Base = """
        providers:
          oa: { kind: openai, api_key: sk-test }
          an: { kind: anthropic, api_key: sk-test }
          an2: { kind: anthropic, api_key: sk-test }
          go: { kind: gemini, api_key: sk-test }
        models:
          mini:
            deployments: [{ provider: oa, model: mini, input_price_per_million: 0.4, output_price_per_million: 1.6 }]
          claude:
            deployments:
              - { provider: an, model: claude, input_price_per_million: 3, output_price_per_million: 15 }
              - { provider: an2, model: claude, input_price_per_million: 3, output_price_per_million: 15 }
          flash:
            deployments: [{ provider: go, model: flash, input_price_per_million: 0.3, output_price_per_million: 2.5 }]
          outsider:
            deployments: [{ provider: oa, model: outsider, input_price_per_million: 1, output_price_per_million: 1 }]

        """;

    /// <summary>The whole config with <paramref name="parameters"/> as routes.smart.params (route models: mini, claude, flash).</summary>
    public static string Yaml(string parameters) =>
        Base + "routes:\n  smart:\n    models: [mini, claude, flash]\n    policy: rules\n    params:\n"
        + string.Join("\n", parameters.Split('\n').Select(line => "      " + line.TrimEnd('\r'))) + "\n";

    public static GatewaySnapshot Load(string yaml) =>
        new ConfigValidator(_ => null, new Uri("http://127.0.0.1:9999"), EmptyCatalog).Validate(ConfigLoader.Parse(yaml, "test.yaml"), "test.yaml");

    public static RouteEntry Route(string parameters) => Load(Yaml(parameters)).Routes["smart"];

    public static IReadOnlyList<string> Problems(string parameters) =>
        Assert.Throws<ConfigException>(() => Load(Yaml(parameters))).Problems;

    /// <summary>Orders the route's candidates for the request; returns the deployment ids in order and the decision.</summary>
    public static (List<string> Order, RoutingDecision Decision) Run(RouteEntry route, RoutingContext context, IEnumerable<Deployment>? survivors = null)
    {
        var candidates = (survivors ?? route.Deployments).ToList();
        var decision = new RoutingDecision(route.Name, route.Deployments, detailed: true);
        route.Policy.Order(context, candidates, decision);
        return (candidates.Select(d => d.Id).ToList(), decision);
    }

    /// <summary>The rule that decides for the request, or null when none matched.</summary>
    public static string? Decide(RouteEntry route, TestRequest request) => Run(route, request.Context()).Decision.Rule;

    /// <summary>Whether a single-rule route with <paramref name="when"/> matches the request.</summary>
    public static bool Matches(string when, TestRequest request) =>
        Decide(Route($"rules:\n  - name: r\n    when: {when}\n    then: claude"), request) == "r";
}
