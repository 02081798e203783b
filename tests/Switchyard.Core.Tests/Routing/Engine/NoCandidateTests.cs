using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;
using Switchyard.Core.Gateway;
using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Controls;
using static Switchyard.Core.Tests.Routing.Engine.RoutingTestKit;

namespace Switchyard.Core.Tests.Routing.Engine;

/// <summary>When nothing survives the filters, the status follows DESIGN.md's order and the message lists every candidate's reason.</summary>
public class NoCandidateTests
{
    [Fact]
    public void The_requests_own_constraints_give_a_400_listing_every_candidate()
    {
        var noTools = Deployment("openai-a", "no-tools", capabilities: ModelCapabilities.None);
        var tiny = Deployment("anthropic-a", "tiny", contextWindow: 10);
        var dear = Deployment("gemini-a", "dear", input: 100m, output: 400m);
        var request = Request("Look up the weather in Lyon, please.");
        request.Tools = [new ToolDefinition { Function = new FunctionDefinition { Name = "weather" } }];
        var context = Context(request, new RequestControls { MaxCostUsd = 0.01m });

        var error = Assert.Throws<GatewayException>(() => Plan(Route(noTools, tiny, dear), context));
        Assert.Equal(400, error.Status);
        Assert.Equal("no_candidate", error.Code);
        Assert.Contains("openai-a/no-tools: the model does not support tools", error.Message);
        Assert.Contains("anthropic-a/tiny: its context window of 10 tokens cannot hold", error.Message);
        Assert.Contains("gemini-a/dear: its estimated cost $", error.Message);
        Assert.Contains("exceeds max_cost_usd $0.01", error.Message);
        Assert.Null(error.RetryAfterSeconds);
    }

    [Fact]
    public void Only_the_keys_lists_give_a_403()
    {
        var a = Deployment("openai-a", "a");
        var b = Deployment("openai-b", "b");
        var key = new KeyRoutingPolicy { DeniedModels = new HashSet<string> { "a", "b" } };
        var error = Assert.Throws<GatewayException>(() => Plan(Route(a, b), Context(key: key)));
        Assert.Equal(403, error.Status);
        Assert.Contains("openai-a/a: the key may not use model 'a'", error.Message);
        Assert.Contains("openai-b/b: the key may not use model 'b'", error.Message);
    }

    [Fact]
    public void The_keys_lists_and_the_requests_constraints_together_give_a_400()
    {
        var denied = Deployment("openai-a", "denied");
        var elsewhere = Deployment("openai-b", "elsewhere");
        var key = new KeyRoutingPolicy { DeniedModels = new HashSet<string> { "denied" } };
        var error = Assert.Throws<GatewayException>(() => Plan(Route(denied, elsewhere), Context(controls: new RequestControls { ProviderIgnore = ["openai-b"] }, key: key)));
        Assert.Equal(400, error.Status);
        Assert.Contains("openai-a/denied: the key may not use model 'denied'", error.Message);
        Assert.Contains("provider 'openai-b' is in provider.ignore", error.Message);
    }

    [Fact]
    public void Open_circuits_on_the_last_fit_candidates_give_a_503_with_retry_after()
    {
        var unfit = Deployment("openai-a", "unfit", capabilities: ModelCapabilities.None);
        var broken = Deployment("anthropic-a", "broken");
        var request = Request();
        request.Tools = [new ToolDefinition { Function = new FunctionDefinition { Name = "f" } }];
        var context = Context(request, services: Services(health: new FakeHealth(broken.Id)));

        var error = Assert.Throws<GatewayException>(() => Plan(Route(unfit, broken), context));
        Assert.Equal(503, error.Status);
        Assert.NotNull(error.RetryAfterSeconds);
        Assert.Contains("anthropic-a/broken: its circuit breaker is open", error.Message);
        Assert.Contains("openai-a/unfit: the model does not support tools", error.Message);
    }

    [Fact]
    public void A_single_survivor_is_enough()
    {
        var broken = Deployment("anthropic-a", "broken");
        var fine = Deployment("openai-a", "fine");
        var decision = Plan(Route(broken, fine), Context(services: Services(health: new FakeHealth(broken.Id))));
        Assert.Equal([fine.Id], Ids(decision.Plan));
    }
}
