using System.Globalization;
using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;
using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Controls;
using Switchyard.Core.Routing.Filters;
using Switchyard.Core.Runtime;
using Switchyard.Core.Tokens;
using static Switchyard.Core.Tests.Routing.Engine.RoutingTestKit;

namespace Switchyard.Core.Tests.Routing.Engine;

/// <summary>Each filter removes what it must, records its reason code and name, and its text names the numbers.</summary>
public class FilterTests
{
    /// <summary>Plans the route and asserts that exactly <paramref name="removed"/> was removed, by that filter, with that reason; returns its text.</summary>
    private static string AssertOnlyRemoved(RouteEntry route, RoutingContext context, Deployment removed, RemovalReason reason, string filter)
    {
        var decision = Plan(route, context);
        var removal = Assert.Single(decision.Removals);
        Assert.Same(removed, decision.Candidates[removal.Index]);
        Assert.Equal(reason, removal.Reason);
        Assert.Equal(filter, removal.Filter);
        Assert.DoesNotContain(removed, decision.Plan);
        Assert.Equal(route.Deployments.Count - 1, decision.Plan.Count);
        var text = RemovalText.Describe(reason, removed, context);
        Assert.Contains($"{removed.Id}: {text}", decision.RemovalSummary(context));
        Assert.Contains($"REMOVED by {filter}: {text}", decision.Explain(context));
        return text;
    }

    [Fact]
    public void Tools_need_a_model_with_tool_support()
    {
        var able = Deployment("openai-a", "able");
        var unable = Deployment("openai-b", "unable", capabilities: ModelCapabilities.Vision);
        var request = Request();
        request.Tools = [new ToolDefinition { Function = new FunctionDefinition { Name = "lookup" } }];
        var text = AssertOnlyRemoved(Route(able, unable), Context(request), unable, RemovalReason.NoToolSupport, "capability");
        Assert.Equal("the model does not support tools", text);
        Assert.Empty(Plan(Route(able, unable), Context()).Removals); // no tools asked, nothing removed
    }

    [Fact]
    public void Image_parts_need_a_vision_model()
    {
        var able = Deployment("openai-a", "able");
        var blind = Deployment("openai-b", "blind", capabilities: ModelCapabilities.Tools);
        var request = Request();
        request.Messages!.Add(new ChatMessage
        {
            Role = "user",
            Content = new MessageContent { Parts = [new ContentPart { Type = "text", Text = "what is this?" }, new ContentPart { Type = "image_url", ImageUrl = new ImageUrl { Url = "https://example.com/a.png" } }] },
        });
        var text = AssertOnlyRemoved(Route(able, blind), Context(request), blind, RemovalReason.NoVisionSupport, "capability");
        Assert.Contains("images", text);
    }

    [Fact]
    public void Json_schema_needs_structured_outputs_but_json_object_does_not()
    {
        var able = Deployment("openai-a", "able");
        var plain = Deployment("openai-b", "plain", capabilities: ModelCapabilities.Tools);
        var request = Request();
        request.ResponseFormat = new ResponseFormat { Type = "json_schema", JsonSchema = new JsonSchemaFormat { Name = "x" } };
        var text = AssertOnlyRemoved(Route(able, plain), Context(request), plain, RemovalReason.NoJsonSchemaSupport, "capability");
        Assert.Contains("json_schema", text);

        var jsonObject = Request();
        jsonObject.ResponseFormat = new ResponseFormat { Type = "json_object" };
        Assert.Empty(Plan(Route(able, plain), Context(jsonObject)).Removals);
    }

    [Fact]
    public void Several_choices_are_refused_on_the_anthropic_wire_only()
    {
        var openai = Deployment("openai-a", "gpt");
        var gemini = Deployment("gemini-a", "gem");
        var anthropic = Deployment("anthropic-a", "claude");
        var request = Request();
        request.N = 3;
        var text = AssertOnlyRemoved(Route(openai, anthropic, gemini), Context(request), anthropic, RemovalReason.NoMultipleChoices, "capability");
        Assert.Equal("the anthropic API does not support n > 1", text);

        request.N = 1;
        Assert.Empty(Plan(Route(openai, anthropic, gemini), Context(request)).Removals);
    }

    [Fact]
    public void The_context_window_must_hold_the_prompt_counted_with_the_models_tokenizer_plus_max_tokens()
    {
        var request = Request(string.Join(' ', Enumerable.Repeat("The quick brown fox jumps over the lazy dog.", 40)));
        request.MaxTokens = 1000;
        var exact = ChatTokenCounter.For("o200k_base").CountPrompt(request);
        var estimated = ChatTokenCounter.For(TokenCounters.Estimate).CountPrompt(request);
        Assert.True(estimated > exact + 10, "the estimate counts more than o200k_base for this text");

        // A window between the two counts (plus the 1000 output tokens): the o200k_base model fits, the estimated one does not.
        var window = exact + 1000 + (estimated - exact) / 2;
        var counted = Deployment("openai-a", "counted", contextWindow: window, tokenizer: "o200k_base");
        var guessed = Deployment("anthropic-a", "guessed", contextWindow: window, tokenizer: "estimate");
        var text = AssertOnlyRemoved(Route(counted, guessed), Context(request), guessed, RemovalReason.ContextWindow, "context-window");
        Assert.Equal($"its context window of {window} tokens cannot hold the {estimated + 1000} tokens needed (prompt + output)", text);

        // Without max_tokens only the prompt (and one output token) must fit.
        request.MaxTokens = null;
        Assert.Empty(Plan(Route(counted, guessed), Context(request)).Removals);
    }

    [Fact]
    public void Max_tokens_beyond_the_models_output_limit_count_only_up_to_that_limit()
    {
        var request = Request("hi");
        request.MaxCompletionTokens = 50_000;
        var prompt = ChatTokenCounter.For("o200k_base").CountPrompt(request);
        var small = Deployment("openai-a", "small", contextWindow: 8_000, maxOutput: 4_000);
        Assert.Equal(prompt + 4_000, ContextWindowFilter.Needed(Context(request), small));
        Assert.Empty(Plan(Route(small), Context(request)).Removals);
    }

    [Fact]
    public void A_request_tag_reaches_only_deployments_that_carry_it()
    {
        var eu = Deployment("openai-eu", "eu", tags: ["eu-hosted", "no-training"]);
        var us = Deployment("openai-us", "us", tags: ["no-training"]);
        var context = Context(controls: new RequestControls { RequiredTags = ["eu-hosted"] });
        var text = AssertOnlyRemoved(Route(us, eu), context, us, RemovalReason.MissingTags, "data-policy");
        Assert.Equal("it lacks the required data-policy tags (eu-hosted)", text);
    }

    [Fact]
    public void A_keys_forced_tags_apply_to_every_request_of_that_key()
    {
        var safe = Deployment("openai-a", "safe", tags: ["no-training"]);
        var open = Deployment("openai-b", "open");
        var key = new KeyRoutingPolicy { ForcedTags = ["no-training"] };
        var text = AssertOnlyRemoved(Route(open, safe), Context(key: key), open, RemovalReason.MissingTags, "data-policy");
        Assert.Contains("no-training", text);
    }

    [Fact]
    public void Pii_in_the_prompt_adds_the_configured_tag_when_detection_is_on()
    {
        var safe = Deployment("openai-a", "safe", tags: ["no-training"]);
        var open = Deployment("ollama-b", "open");
        var pii = Request("Please write to jane.doe@example.com about the invoice.");
        var on = new RoutingSettings { PiiEnabled = true, PiiTag = "no-training" };

        var text = AssertOnlyRemoved(Route(open, safe), Context(pii, settings: on), open, RemovalReason.MissingTags, "data-policy");
        Assert.Equal("it lacks the required data-policy tags (no-training)", text);

        Assert.Empty(Plan(Route(open, safe), Context(Request("Please write to the team about the invoice."), settings: on)).Removals); // no PII
        Assert.Empty(Plan(Route(open, safe), Context(pii, settings: RoutingSettings.Default)).Removals); // detection off (the default)
    }

    [Fact]
    public void Pii_in_the_system_prompt_counts_too()
    {
        var open = Deployment("ollama-b", "open");
        var safe = Deployment("openai-a", "safe", tags: ["no-training"]);
        var request = Request("Summarise the customer's complaint.", system: "Customer: jane.doe@example.com");
        var on = new RoutingSettings { PiiEnabled = true };
        AssertOnlyRemoved(Route(open, safe), Context(request, settings: on), open, RemovalReason.MissingTags, "data-policy");
    }

    [Fact]
    public void Max_cost_removes_deployments_whose_estimate_exceeds_it()
    {
        var cheap = Deployment("openai-a", "cheap", input: 0.1m, output: 0.4m);
        var dear = Deployment("openai-b", "dear", input: 15m, output: 60m);
        var context = Context(controls: new RequestControls { MaxCostUsd = 0.001m });
        var estimate = context.Costs.For(dear).Cost;
        Assert.True(estimate > 0.001m && context.Costs.For(cheap).Cost < 0.001m);

        var text = AssertOnlyRemoved(Route(dear, cheap), context, dear, RemovalReason.MaxCost, "max-cost");
        Assert.Equal($"its estimated cost ${estimate.ToString("0.######", CultureInfo.InvariantCulture)} exceeds max_cost_usd $0.001", text);
    }

    [Fact]
    public void The_keys_cost_ceiling_applies_when_lower_than_the_requests()
    {
        var cheap = Deployment("openai-a", "cheap", input: 0.1m, output: 0.4m);
        var dear = Deployment("openai-b", "dear", input: 15m, output: 60m);
        var context = Context(controls: new RequestControls { MaxCostUsd = 10m }, key: new KeyRoutingPolicy { MaxCostUsd = 0.001m });
        Assert.Equal(0.001m, context.MaxCostUsd);
        AssertOnlyRemoved(Route(dear, cheap), context, dear, RemovalReason.MaxCost, "max-cost");
    }

    [Fact]
    public void Max_latency_removes_slow_deployments_and_keeps_unknown_ones()
    {
        var slow = Deployment("openai-a", "slow");
        var fast = Deployment("openai-b", "fast");
        var unknown = Deployment("openai-c", "unknown");
        var stats = new FakeStats { P95 = { [slow.Id] = 2_400, [fast.Id] = 300 } };
        var context = Context(controls: new RequestControls { MaxLatencyMs = 1_000 }, services: Services(stats: stats));
        var text = AssertOnlyRemoved(Route(slow, fast, unknown), context, slow, RemovalReason.MaxLatency, "max-latency");
        Assert.Equal("its recent p95 latency 2400 ms exceeds max_latency_ms 1000", text);
    }

    [Fact]
    public void Min_tier_is_judged_for_the_requests_task_class()
    {
        var coder = Deployment("openai-a", "coder", tier: 2, tasks: new() { [TaskClass.Code] = 5 });
        var talker = Deployment("openai-b", "talker", tier: 5, tasks: new() { [TaskClass.Code] = 3 });
        var context = Context(controls: new RequestControls { MinTier = 4 }, services: Services(new FakeClassifier(TaskClass.Code, 0.95)));
        var text = AssertOnlyRemoved(Route(coder, talker), context, talker, RemovalReason.BelowMinTier, "min-tier");
        Assert.Equal("its tier 3 for code is below min_tier 4", text);

        // For a chat request the overall tiers decide instead.
        var chat = Context(controls: new RequestControls { MinTier = 4 }, services: Services(new FakeClassifier(TaskClass.Chat, 0.95)));
        AssertOnlyRemoved(Route(coder, talker), chat, coder, RemovalReason.BelowMinTier, "min-tier");
    }

    [Fact]
    public void Provider_only_keeps_the_named_providers_by_config_name_or_company()
    {
        var openai = Deployment("openai-main", "gpt");
        var anthropic = Deployment("anthropic-main", "claude");
        var text = AssertOnlyRemoved(Route(openai, anthropic), Context(controls: new RequestControls { ProviderOnly = ["anthropic-main"] }),
            openai, RemovalReason.ProviderNotAllowed, "provider");
        Assert.Equal("provider 'openai-main' is not in provider.only", text);
        AssertOnlyRemoved(Route(openai, anthropic), Context(controls: new RequestControls { ProviderOnly = ["OpenAI"] }),
            anthropic, RemovalReason.ProviderNotAllowed, "provider");
    }

    [Fact]
    public void Provider_ignore_removes_the_named_providers()
    {
        var openai = Deployment("openai-main", "gpt");
        var anthropic = Deployment("anthropic-main", "claude");
        var text = AssertOnlyRemoved(Route(openai, anthropic), Context(controls: new RequestControls { ProviderIgnore = ["openai-main"] }),
            openai, RemovalReason.ProviderIgnored, "provider");
        Assert.Equal("provider 'openai-main' is in provider.ignore", text);
    }

    [Fact]
    public void The_keys_deny_list_removes_a_model_even_inside_a_route()
    {
        var allowed = Deployment("openai-a", "allowed");
        var denied = Deployment("openai-b", "denied");
        var key = new KeyRoutingPolicy { DeniedModels = new HashSet<string> { "denied" } };
        var text = AssertOnlyRemoved(Route(allowed, denied), Context(key: key), denied, RemovalReason.KeyNotAllowed, "key-access");
        Assert.Equal("the key may not use model 'denied'", text);
    }

    [Fact]
    public void Open_circuits_are_skipped()
    {
        var healthy = Deployment("openai-a", "healthy");
        var broken = Deployment("anthropic-a", "broken");
        var context = Context(services: Services(health: new FakeHealth(broken.Id)));
        var text = AssertOnlyRemoved(Route(broken, healthy), context, broken, RemovalReason.CircuitOpen, "health");
        Assert.Contains("circuit breaker is open", text);
    }

    [Fact]
    public void The_first_filter_that_objects_is_the_one_recorded()
    {
        // Denied by the key and also unhealthy: the key's lists come first.
        var both = Deployment("openai-a", "both");
        var fine = Deployment("openai-b", "fine");
        var context = Context(services: Services(health: new FakeHealth(both.Id)), key: new KeyRoutingPolicy { DeniedModels = new HashSet<string> { "both" } });
        AssertOnlyRemoved(Route(both, fine), context, both, RemovalReason.KeyNotAllowed, "key-access");
    }

    [Fact]
    public void The_classifier_runs_once_per_request_however_many_candidates_ask()
    {
        var classifier = new FakeClassifier(TaskClass.Code, 0.9);
        var route = Route(Enumerable.Range(0, 10).Select(i => Deployment($"openai-{i}", $"m{i}")).ToArray());
        var context = Context(controls: new RequestControls { MinTier = 2 }, services: Services(classifier));
        Plan(route, context);
        Assert.Equal(1, classifier.Calls);
    }
}
