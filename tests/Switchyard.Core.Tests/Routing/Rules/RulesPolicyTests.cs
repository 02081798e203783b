using Switchyard.Core.Catalog;
using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Routing.Policies.Rules;
using Switchyard.Core.Runtime;
using static Switchyard.Core.Tests.Routing.Rules.RulesTestKit;

namespace Switchyard.Core.Tests.Routing.Rules;

public class RulesPolicyTests
{
    private const string ConfigOrder = "oa/mini an/claude an2/claude go/flash";

    /// <summary>The example of the docs, verbatim.</summary>
    private const string Example = """
        rules:
          - name: code-to-claude
            when: { task: { $eq: code }, confidence: { $gte: 0.6 } }
            then: claude
          - name: long-docs
            when: { $and: [ { prompt_tokens: { $gt: 2000 } }, { task: { $in: [summarization, extraction] } } ] }
            then: flash
          - when: { $or: [ { text: { $regex: "(?i)\\bcontract\\b" } }, { "metadata.team": { $eq: legal } } ] }
            then: claude
        default: mini
        """;

    private static string Order(RouteEntry route, TestRequest request) => string.Join(" ", Run(route, request.Context()).Order);

    [Fact]
    public void Is_registered_under_its_name()
    {
        Assert.IsType<RulesPolicyFactory>(RoutingPolicies.Find("rules"));
        var route = Route(Example);
        var policy = Assert.IsType<RulesPolicy>(route.Policy);
        Assert.Equal(["code-to-claude", "long-docs", "rule-3"], policy.RuleNames);
        Assert.Equal("mini", policy.DefaultTarget);
    }

    [Fact]
    public void The_documented_example_routes_code_long_documents_and_legal_requests()
    {
        var route = Route(Example);

        var code = Run(route, new TestRequest { Task = TaskClass.Code, Confidence = 0.8 }.Context());
        Assert.Equal("code-to-claude", code.Decision.Rule);
        Assert.Equal("an/claude an2/claude oa/mini go/flash", string.Join(" ", code.Order));

        var unsureCode = Run(route, new TestRequest { Task = TaskClass.Code, Confidence = 0.4 }.Context());
        Assert.Null(unsureCode.Decision.Rule);
        Assert.Equal("oa/mini", unsureCode.Order[0]);

        var longDoc = new TestRequest { Task = TaskClass.Summarization, Prompt = "Summarise this. " + string.Concat(Enumerable.Repeat("The quarterly report shows growth. ", 400)) };
        Assert.Equal("long-docs", Decide(route, longDoc));
        Assert.Equal("go/flash oa/mini an/claude an2/claude", Order(route, longDoc));
        Assert.Null(Decide(route, longDoc with { Prompt = "Summarise this short note." }));

        Assert.Equal("rule-3", Decide(route, new TestRequest { Prompt = "Review this Contract, please." }));
        Assert.Null(Decide(route, new TestRequest { Prompt = "Review these contractors." }));
        Assert.Equal("rule-3", Decide(route, new TestRequest { Metadata = new() { ["team"] = "legal" } }));
    }

    [Fact]
    public void First_matching_rule_wins()
    {
        var route = Route("""
            rules:
              - { name: first, when: { "metadata.team": legal }, then: flash }
              - { name: second, when: { "metadata.team": { $exists: true } }, then: claude }
              - { name: third, when: {}, then: mini }
            """);
        Assert.Equal("first", Decide(route, new TestRequest { Metadata = new() { ["team"] = "legal" } }));
        Assert.Equal("second", Decide(route, new TestRequest { Metadata = new() { ["team"] = "sales" } }));
        Assert.Equal("third", Decide(route, new TestRequest()));
    }

    [Fact]
    public void The_target_goes_first_in_config_order_and_the_rest_follow_in_config_order()
    {
        var route = Route("rules: [{ name: to-claude, when: { user: alice }, then: claude }]");
        var (order, decision) = Run(route, new TestRequest { User = "alice" }.Context());
        Assert.Equal("an/claude an2/claude oa/mini go/flash", string.Join(" ", order));
        Assert.Equal("to-claude", decision.Rule);
        Assert.Equal("smart:to-claude", decision.DecidedBy);
        Assert.Equal(1, decision.ScoreOf(route.Deployments[1]));
        Assert.Equal(0, decision.ScoreOf(route.Deployments[0]));
        var explained = decision.Explain(new TestRequest { User = "alice" }.Context());
        Assert.Contains("rule: to-claude", explained);
        Assert.Contains("(rule to-claude → claude)", explained);
        Assert.Contains("(rule to-claude matched; fallback)", explained);
    }

    [Fact]
    public void No_match_uses_the_default_else_the_config_order_and_names_no_rule()
    {
        const string rules = "rules: [{ when: { user: alice }, then: claude }]";
        var withDefault = Route(rules + "\ndefault: flash");
        var (order, decision) = Run(withDefault, new TestRequest { User = "bob" }.Context());
        Assert.Equal("go/flash oa/mini an/claude an2/claude", string.Join(" ", order));
        Assert.Null(decision.Rule);
        Assert.Equal("smart", decision.DecidedBy);
        Assert.Contains("(no rule matched; default flash)", decision.Explain(new TestRequest().Context()));

        var (plain, plainDecision) = Run(Route(rules), new TestRequest { User = "bob" }.Context());
        Assert.Equal(ConfigOrder, string.Join(" ", plain));
        Assert.Null(plainDecision.Rule);
        Assert.Equal("rule-1", Decide(Route(rules), new TestRequest { User = "alice" }));
    }

    [Fact]
    public void A_target_the_filters_removed_still_decides_and_the_survivors_keep_config_order()
    {
        var route = Route("rules: [{ name: to-flash, when: {}, then: flash }]");
        var survivors = route.Deployments.Where(d => d.ModelName != "flash");
        var (order, decision) = Run(route, new TestRequest().Context(), survivors);
        Assert.Equal("oa/mini an/claude an2/claude", string.Join(" ", order));
        Assert.Equal("to-flash", decision.Rule);
    }

    [Fact]
    public void Through_the_planner_the_rule_picks_the_primary_and_names_itself()
    {
        var route = Route("rules: [{ name: legal, when: { \"header.x-team\": legal }, then: flash }]");
        var context = new TestRequest { Headers = new() { ["X-Team"] = "legal" } }.Context();
        var decision = RoutePlanner.Default.Plan(route, context);
        Assert.Equal("go/flash", decision.Plan[0].Id);
        Assert.Equal(4, decision.Plan.Count);
        Assert.Equal("rules", decision.Policy);
        Assert.Equal("smart:legal", decision.DecidedBy);
    }

    [Fact]
    public void The_classifier_runs_only_when_an_evaluated_rule_asks_for_the_task()
    {
        var route = Route("""
            rules:
              - { name: by-team, when: { "metadata.team": legal }, then: flash }
              - { name: by-task, when: { task: code }, then: claude }
            """);
        var decided = Run(route, new TestRequest { Metadata = new() { ["team"] = "legal" } }.Context(out var classifier));
        Assert.Equal("by-team", decided.Decision.Rule);
        Assert.Equal(0, classifier.Calls);
        Assert.Null(decided.Decision.Task);

        var byTask = Run(route, new TestRequest { Task = TaskClass.Code }.Context(out var second));
        Assert.Equal("by-task", byTask.Decision.Rule);
        Assert.Equal(1, second.Calls);
        Assert.Equal(TaskClass.Code, byTask.Decision.Task?.Task);
    }

    [Fact]
    public void Portkeys_query_is_accepted_for_when()
    {
        var route = Route("rules: [{ name: p, query: { \"metadata.user_plan\": paid }, then: claude }]");
        Assert.Equal("p", Decide(route, new TestRequest { Metadata = new() { ["user_plan"] = "paid" } }));
    }

    // ---- fields ----

    [Fact]
    public void Task_compares_class_names_in_any_case()
    {
        Assert.True(Matches("{ task: code }", new TestRequest { Task = TaskClass.Code }));
        Assert.True(Matches("{ task: Creative_Writing }", new TestRequest { Task = TaskClass.CreativeWriting }));
        Assert.False(Matches("{ task: code }", new TestRequest { Task = TaskClass.Math }));
        Assert.True(Matches("{ task: { $in: [math, reasoning] } }", new TestRequest { Task = TaskClass.Reasoning }));
        Assert.True(Matches("{ task: { $nin: [math, reasoning] } }", new TestRequest { Task = TaskClass.Chat }));
        Assert.True(Matches("{ task: { $regex: \"^(math|code)$\" } }", new TestRequest { Task = TaskClass.Math }));
    }

    [Fact]
    public void Confidence_compares_numbers()
    {
        Assert.True(Matches("{ confidence: { $gte: 0.6 } }", new TestRequest { Confidence = 0.6 }));
        Assert.False(Matches("{ confidence: { $gt: 0.6 } }", new TestRequest { Confidence = 0.6 }));
        Assert.True(Matches("{ confidence: { $lt: 0.5 } }", new TestRequest { Confidence = 0.3 }));
        Assert.False(Matches("{ confidence: { $lte: 0.5 } }", new TestRequest { Confidence = 0.51 }));
        Assert.True(Matches("{ confidence: 0.25 }", new TestRequest { Confidence = 0.25 }));
    }

    [Fact]
    public void Prompt_tokens_counts_the_prompt()
    {
        var longPrompt = new TestRequest { Prompt = string.Concat(Enumerable.Repeat("word ", 300)) };
        Assert.True(Matches("{ prompt_tokens: { $gt: 200 } }", longPrompt));
        Assert.False(Matches("{ prompt_tokens: { $gt: 200 } }", new TestRequest()));
        Assert.True(Matches("{ prompt_tokens: { $gt: 100, $lt: 5000 } }", longPrompt));
        Assert.False(Matches("{ prompt_tokens: { $gt: 100, $lt: 200 } }", longPrompt));
    }

    [Fact]
    public void Text_searches_the_last_user_message_and_the_system_prompt()
    {
        Assert.True(Matches("{ text: { $regex: '(?i)\\bcontract\\b' } }", new TestRequest { Prompt = "Read the CONTRACT." }));
        Assert.True(Matches("{ text: { $regex: '\\bNDA\\b' } }", new TestRequest { System = "You review NDA documents.", Prompt = "Is this fine?" }));
        Assert.False(Matches("{ text: { $regex: '\\bNDA\\b' } }", new TestRequest { Prompt = "an nda" }));
        Assert.True(Matches("{ text: { $contains: \"Stack Trace\" } }", new TestRequest { Prompt = "here is my stack trace:" }));
        Assert.False(Matches("{ text: { $contains: \"stack trace\" } }", new TestRequest { Prompt = "no trace here" }));
        Assert.True(Matches("{ text: { $exists: true } }", new TestRequest()));
        Assert.True(Matches("{ text: { $exists: false } }", new TestRequest { Prompt = "" }));
    }

    [Fact]
    public void Metadata_reads_the_requests_metadata_and_missing_keys_match_only_negations()
    {
        var legal = new TestRequest { Metadata = new() { ["team"] = "legal" } };
        Assert.True(Matches("{ metadata.team: legal }", legal));
        Assert.False(Matches("{ metadata.team: Legal }", legal)); // exact, like Portkey
        Assert.False(Matches("{ metadata.team: legal }", new TestRequest()));
        Assert.True(Matches("{ metadata.team: { $ne: legal } }", new TestRequest()));
        Assert.True(Matches("{ metadata.team: { $nin: [legal, hr] } }", new TestRequest()));
        Assert.False(Matches("{ metadata.team: { $nin: [legal, hr] } }", legal));
        Assert.True(Matches("{ metadata.team: { $exists: false } }", new TestRequest()));
        Assert.True(Matches("{ metadata.team: { $exists: true } }", legal));
    }

    [Fact]
    public void Strings_compare_as_numbers_when_both_sides_parse()
    {
        var priority = (string p) => new TestRequest { Metadata = new() { ["priority"] = p } };
        Assert.True(Matches("{ metadata.priority: { $gt: 5 } }", priority("10"))); // numerically, not "10" < "5"
        Assert.False(Matches("{ metadata.priority: { $gt: 5 } }", priority("5")));
        Assert.True(Matches("{ metadata.priority: { $gte: 5 } }", priority("5")));
        Assert.True(Matches("{ metadata.priority: { $lt: 2.5 } }", priority("2")));
        Assert.True(Matches("{ metadata.priority: { $lte: 2 } }", priority("2.0")));
        Assert.False(Matches("{ metadata.priority: { $gt: 5 } }", priority("high")));
        Assert.False(Matches("{ metadata.priority: { $lt: 5 } }", new TestRequest()));
        Assert.True(Matches("{ metadata.priority: 2 }", priority("2.0")));
        Assert.True(Matches("{ metadata.priority: { $in: [1, 2] } }", priority("2")));
    }

    [Fact]
    public void Headers_are_read_by_name()
    {
        var request = new TestRequest { Headers = new() { ["x-team"] = "search" } };
        Assert.True(Matches("{ header.x-team: { $in: [search, ads] } }", request));
        Assert.True(Matches("{ header.X-Team: search }", request));
        Assert.False(Matches("{ header.x-team: ads }", request));
        Assert.True(Matches("{ header.x-other: { $exists: false } }", request));
    }

    [Fact]
    public void User_key_tier_and_model()
    {
        Assert.True(Matches("{ user: { $regex: '^vip-' } }", new TestRequest { User = "vip-42" }));
        Assert.False(Matches("{ user: { $regex: '^vip-' } }", new TestRequest()));
        Assert.True(Matches("{ key_tier: pro }", new TestRequest { Tier = "pro" }));
        Assert.False(Matches("{ key_tier: pro }", new TestRequest { Tier = "free" }));
        Assert.True(Matches("{ key_tier: { $exists: false } }", new TestRequest()));
        Assert.True(Matches("{ model: smart }", new TestRequest()));
        Assert.True(Matches("{ model: { $contains: MAR } }", new TestRequest()));
    }

    [Fact]
    public void Tools_images_stream_and_pii_are_booleans()
    {
        Assert.True(Matches("{ has_tools: true }", new TestRequest { Tools = true }));
        Assert.False(Matches("{ has_tools: true }", new TestRequest()));
        Assert.True(Matches("{ has_images: true }", new TestRequest { Image = true }));
        Assert.True(Matches("{ has_images: { $ne: true } }", new TestRequest()));
        Assert.True(Matches("{ stream: true }", new TestRequest { Stream = true }));
        Assert.True(Matches("{ stream: FALSE }", new TestRequest()));
        Assert.True(Matches("{ stream: { $in: [true, false] } }", new TestRequest()));

        var withEmail = new TestRequest { Prompt = "Write to jane.doe@example.com about the invoice.", PiiDetection = true };
        Assert.True(Matches("{ pii: true }", withEmail));
        Assert.False(Matches("{ pii: true }", withEmail with { Prompt = "Write about the invoice." }));
        Assert.False(Matches("{ pii: true }", withEmail with { PiiDetection = false })); // detection off: nothing found
    }

    // ---- logic ----

    [Fact]
    public void Several_fields_in_one_object_must_all_match()
    {
        const string when = "{ task: code, user: alice }";
        Assert.True(Matches(when, new TestRequest { Task = TaskClass.Code, User = "alice" }));
        Assert.False(Matches(when, new TestRequest { Task = TaskClass.Code, User = "bob" }));
        Assert.False(Matches(when, new TestRequest { Task = TaskClass.Math, User = "alice" }));
    }

    [Fact]
    public void And_or_and_not_nest()
    {
        const string when = "{ $or: [ { $and: [ { task: code }, { confidence: { $gte: 0.7 } } ] }, { $not: { user: { $exists: false } } } ] }";
        Assert.True(Matches(when, new TestRequest { Task = TaskClass.Code, Confidence = 0.8 }));
        Assert.False(Matches(when, new TestRequest { Task = TaskClass.Code, Confidence = 0.5 }));
        Assert.True(Matches(when, new TestRequest { Task = TaskClass.Math, User = "someone" }));
        Assert.False(Matches(when, new TestRequest { Task = TaskClass.Math }));
    }

    [Fact]
    public void Not_of_a_list_means_none_of_them()
    {
        const string when = "{ $not: [ { task: code }, { task: math } ] }";
        Assert.True(Matches(when, new TestRequest { Task = TaskClass.Chat }));
        Assert.False(Matches(when, new TestRequest { Task = TaskClass.Code }));
        Assert.False(Matches(when, new TestRequest { Task = TaskClass.Math }));
    }

    [Fact]
    public void Not_under_a_field_negates_its_operators()
    {
        Assert.True(Matches("{ task: { $not: { $in: [code, math] } } }", new TestRequest { Task = TaskClass.Chat }));
        Assert.False(Matches("{ task: { $not: code } }", new TestRequest { Task = TaskClass.Code }));
        Assert.True(Matches("{ prompt_tokens: { $not: { $gt: 1000 } } }", new TestRequest()));
    }

    [Fact]
    public void An_empty_condition_matches_everything()
    {
        Assert.True(Matches("{}", new TestRequest()));
    }

    [Fact]
    public void Evaluating_compiled_rules_does_not_allocate()
    {
        var route = Route("""
            rules:
              - { when: { $and: [ { "metadata.team": { $in: [legal, hr] } }, { user: { $regex: "^vip-" } } ] }, then: claude }
              - { when: { $or: [ { text: { $contains: invoice } }, { "header.x-team": { $ne: search } } ] , stream: true }, then: flash }
              - { when: { $not: { prompt_tokens: { $lt: 1 } }, "metadata.priority": { $gt: 5 }, key_tier: pro }, then: mini }
            """);
        var policy = Assert.IsType<RulesPolicy>(route.Policy);
        var context = new TestRequest
        {
            Prompt = "Please check the attached contract for risks.",
            Metadata = new() { ["team"] = "legal", ["priority"] = "7" },
            Headers = new() { ["x-team"] = "search" },
            User = "regular-7",
            Tier = "pro",
        }.Context();
        Assert.Equal("rule-3", policy.MatchingRule(context)); // warms the prompt text and token count caches
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) policy.MatchingRule(context);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_regex_that_runs_too_long_counts_as_no_match()
    {
        // The classic catastrophic pattern: without the match timeout this would run for hours.
        var evil = new TestRequest { Prompt = string.Concat(Enumerable.Repeat("word ", 40)) + "!" };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(Matches("{ text: { $regex: '^(\\w+\\s?)*$' } }", evil));
        Assert.True(clock.Elapsed >= RuleRegex.MatchTimeout / 2, $"took {clock.Elapsed}: the pattern was meant to hit the timeout");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }
}
