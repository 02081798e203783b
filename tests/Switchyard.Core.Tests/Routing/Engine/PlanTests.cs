using Switchyard.Core.Routing;
using Switchyard.Core.Catalog;
using Switchyard.Core.Routing.Controls;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Runtime;
using static Switchyard.Core.Tests.Routing.Engine.RoutingTestKit;

namespace Switchyard.Core.Tests.Routing.Engine;

/// <summary>The plan: the primary, then fallbacks at other providers first, trimmed by max_fallbacks and the request's controls.</summary>
public class PlanTests
{
    private static readonly Deployment OpenAIMini = Deployment("openai", "mini", 0.4m, 1.6m);
    private static readonly Deployment OpenAIFull = Deployment("openai", "full", 2m, 8m);
    private static readonly Deployment Haiku = Deployment("anthropic", "haiku", 1m, 5m);
    private static readonly Deployment Flash = Deployment("gemini", "flash", 0.3m, 2.5m);

    [Fact]
    public void Fallbacks_prefer_other_providers_than_the_primarys()
    {
        var decision = Plan(Route(OpenAIMini, OpenAIFull, Haiku, Flash), Context());
        Assert.Equal([OpenAIMini.Id, Haiku.Id, Flash.Id, OpenAIFull.Id], Ids(decision.Plan));
    }

    [Fact]
    public void A_served_decision_plans_the_same_as_an_explained_one_but_keeps_no_scores()
    {
        var route = Route(PriceOrder.Instance, OpenAIFull, Haiku, Flash, OpenAIMini);
        var served = RoutePlanner.Default.Plan(route, Context());
        var explained = Plan(route, Context());
        Assert.False(served.Detailed);
        Assert.Equal(Ids(explained.Plan), Ids(served.Plan));
        Assert.Equal(explained.Plan.Count, served.Plan.Count);
        for (var i = 0; i < served.Plan.Count; i++) Assert.Same(explained.Plan[i], served.Plan[i]);
        Assert.Null(served.ScoreOf(OpenAIMini));
        Assert.NotNull(explained.ScoreOf(OpenAIMini));
    }

    [Fact]
    public void Max_fallbacks_truncates_the_plan()
    {
        var route = Route(OpenAIMini, OpenAIFull, Haiku, Flash) with { MaxFallbacks = 1 };
        Assert.Equal([OpenAIMini.Id, Haiku.Id], Ids(Plan(route, Context()).Plan));
        Assert.Equal([OpenAIMini.Id], Ids(Plan(route with { MaxFallbacks = 0 }, Context()).Plan));
        Assert.Equal(4, Plan(route with { MaxFallbacks = 10 }, Context()).Plan.Count);
    }

    [Fact]
    public void Allow_fallbacks_false_gives_one_attempt()
    {
        var decision = Plan(Route(OpenAIMini, OpenAIFull, Haiku, Flash), Context(controls: new RequestControls { AllowFallbacks = false }));
        Assert.Equal([OpenAIMini.Id], Ids(decision.Plan));
    }

    [Fact]
    public void The_requests_provider_order_comes_first_in_its_order()
    {
        var decision = Plan(Route(OpenAIMini, OpenAIFull, Haiku, Flash), Context(controls: new RequestControls { ProviderOrder = ["gemini", "anthropic"] }));
        Assert.Equal([Flash.Id, Haiku.Id, OpenAIMini.Id, OpenAIFull.Id], Ids(decision.Plan));
    }

    [Fact]
    public void The_provider_order_beats_the_policys_choice()
    {
        var route = Route(new CheapestCapablePolicy(3, new Dictionary<TaskClass, int>(), 0.5, 1), OpenAIMini, OpenAIFull, Haiku, Flash);
        var decision = Plan(route, Context(controls: new RequestControls { ProviderOrder = ["anthropic"] }));
        Assert.Equal(Haiku.Id, decision.Plan[0].Id);
        Assert.Equal(OpenAIMini.Id, decision.Plan[1].Id); // then the policy's order
    }

    [Fact]
    public void Fallback_models_from_the_request_come_after_the_routes_own()
    {
        var cheaper = Deployment("gemini", "cheaper", 0.01m, 0.01m);
        var route = Route(new CheapestCapablePolicy(1, new Dictionary<TaskClass, int>(), 0.5, 1), Haiku, Flash);
        var decision = Plan(route, Context(), [cheaper]);
        Assert.Equal([Flash.Id, Haiku.Id, cheaper.Id], Ids(decision.Plan));
        Assert.Equal(3, decision.Candidates.Count);
    }

    [Fact]
    public void Fallback_models_come_after_the_routes_own_even_at_the_primarys_provider()
    {
        var elsewhere = Deployment("anthropic", "elsewhere", 0.01m, 0.01m);
        var decision = Plan(Route(OpenAIMini, OpenAIFull), Context(), [elsewhere]);
        Assert.Equal([OpenAIMini.Id, OpenAIFull.Id, elsewhere.Id], Ids(decision.Plan));
    }

    [Fact]
    public void A_fallback_model_already_in_the_route_is_not_tried_twice()
    {
        var decision = Plan(Route(OpenAIMini, Haiku), Context(), [Haiku, Flash]);
        Assert.Equal([OpenAIMini.Id, Haiku.Id, Flash.Id], Ids(decision.Plan));
    }

    [Fact]
    public void Filters_apply_to_fallback_models_too()
    {
        var decision = Plan(Route(OpenAIMini), Context(controls: new RequestControls { ProviderIgnore = ["gemini"] }), [Flash, Haiku]);
        Assert.Equal([OpenAIMini.Id, Haiku.Id], Ids(decision.Plan));
        Assert.Equal(Flash, decision.Candidates[Assert.Single(decision.Removals).Index]);
    }

    [Fact]
    public void The_explanation_lists_candidates_and_the_plan()
    {
        var context = Context();
        var decision = Plan(Route(OpenAIMini, Haiku), context);
        var text = decision.Explain(context);
        Assert.Contains("route: r  policy: fixed", text);
        Assert.Contains("candidates (2):", text);
        Assert.Contains("1. openai/mini  (primary)", text);
        Assert.Contains("2. anthropic/haiku  (fallback)", text);
    }
}
