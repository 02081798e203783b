using Switchyard.Core.Config;
using static Switchyard.Core.Tests.Routing.Rules.RulesTestKit;

namespace Switchyard.Core.Tests.Routing.Rules;

/// <summary>Every mistake in a rules route is refused at config load with its path and the reason.</summary>
public class RulesConfigTests
{
    private const string P = "routes.smart.params";

    private static string Problem(string parameters, string path)
    {
        var problems = Problems(parameters);
        return Assert.Single(problems, p => p.StartsWith(path + ": ", StringComparison.Ordinal));
    }

    [Fact]
    public void Rules_are_required_and_must_be_a_non_empty_list()
    {
        Assert.Contains("required", Problem("default: mini", $"{P}.rules"));
        Assert.Contains("must be a list", Problem("rules: { when: {}, then: mini }", $"{P}.rules"));
        Assert.Contains("must be a list", Problem("rules: mini", $"{P}.rules"));
        Assert.Contains("at least one rule", Problem("rules: []", $"{P}.rules"));
        var noParams = Assert.Throws<ConfigException>(() => Load(Yaml("").Replace("    params:\n", ""))).Problems;
        Assert.Contains(noParams, p => p.StartsWith($"{P}.rules: required"));
    }

    [Fact]
    public void Unknown_params_are_refused()
    {
        Assert.Contains("unknown parameter", Problem("rules: [{ when: {}, then: mini }]\nrule: x", $"{P}.rule"));
    }

    [Fact]
    public void A_rule_needs_when_and_then_and_knows_only_its_keys()
    {
        Assert.Contains("must be an object", Problem("rules: [ mini ]", $"{P}.rules[0]"));
        Assert.Contains("required", Problem("rules: [{ then: mini }]", $"{P}.rules[0].when"));
        Assert.Contains("required", Problem("rules: [{ when: { task: code } }]", $"{P}.rules[0].then"));
        Assert.Contains("unknown key", Problem("rules: [{ when: {}, then: mini, target: claude }]", $"{P}.rules[0].target"));
        Assert.Contains("either", Problem("rules: [{ when: {}, query: {}, then: mini }]", $"{P}.rules[0].query"));
        Assert.Contains("condition object", Problem("rules: [{ when: code, then: mini }]", $"{P}.rules[0].when"));
    }

    [Fact]
    public void Rule_names_are_unique_and_fit_in_a_header()
    {
        Assert.Contains("already the name", Problem("rules: [{ name: a, when: {}, then: mini }, { name: a, when: {}, then: claude }]", $"{P}.rules[1].name"));
        Assert.Contains("printable ASCII", Problem("rules: [{ name: \"two words\", when: {}, then: mini }]", $"{P}.rules[0].name"));
        Assert.Contains("already the name", Problem("rules: [{ when: {}, then: mini }, { name: rule-1, when: {}, then: claude }]", $"{P}.rules[1].name"));
    }

    [Fact]
    public void Then_must_be_one_of_the_routes_models()
    {
        var configured = Problem("rules: [{ when: {}, then: outsider }]", $"{P}.rules[0].then");
        Assert.Contains("'outsider' is configured, but it is not one of this route's models", configured);
        Assert.Contains("mini, claude, flash", configured);

        var unknown = Problem("rules: [{ when: {}, then: ghost }]", $"{P}.rules[0].then");
        Assert.Contains("unknown model 'ghost'", unknown);
        Assert.Contains("mini, claude, flash", unknown);

        Assert.Contains("must name one of this route's models", Problem("rules: [{ when: {}, then: [mini] }]", $"{P}.rules[0].then"));
    }

    [Fact]
    public void Default_must_be_one_of_the_routes_models()
    {
        Assert.Contains("unknown model 'ghost'", Problem("rules: [{ when: {}, then: mini }]\ndefault: ghost", $"{P}.default"));
        Assert.Contains("not one of this route's models", Problem("rules: [{ when: {}, then: mini }]\ndefault: outsider", $"{P}.default"));
    }

    [Fact]
    public void Unknown_fields_are_refused()
    {
        Assert.Contains("unknown field 'colour'", Problem("rules: [{ when: { colour: red }, then: mini }]", $"{P}.rules[0].when.colour"));
        Assert.Contains("metadata.team", Problem("rules: [{ when: { metadata: { team: legal } }, then: mini }]", $"{P}.rules[0].when.metadata"));
        Assert.Contains("unknown field", Problem("rules: [{ when: { \"header.\": x }, then: mini }]", $"{P}.rules[0].when.header."));
    }

    [Fact]
    public void Unknown_operators_are_refused_at_both_levels()
    {
        Assert.Contains("unknown operator '$like'", Problem("rules: [{ when: { task: { $like: code } }, then: mini }]", $"{P}.rules[0].when.task.$like"));
        Assert.Contains("unknown operator '$xor'", Problem("rules: [{ when: { $xor: [] }, then: mini }]", $"{P}.rules[0].when.$xor"));
        Assert.Contains("not an operator", Problem("rules: [{ when: { task: { eq: code } }, then: mini }]", $"{P}.rules[0].when.task.eq"));
        Assert.Contains("condition level", Problem("rules: [{ when: { task: { $or: [code] } }, then: mini }]", $"{P}.rules[0].when.task.$or"));
    }

    [Fact]
    public void Task_conditions_take_only_known_class_names()
    {
        var problem = Problem("""
            rules:
              - { when: {}, then: mini }
              - { when: { task: { $in: [summarization, poetry] } }, then: flash }
            """, $"{P}.rules[1].when.task.$in[1]");
        Assert.Contains("unknown task class 'poetry'", problem);
        Assert.Contains("creative_writing", problem);
        Assert.Contains("unknown task class 'coding'", Problem("rules: [{ when: { task: coding }, then: mini }]", $"{P}.rules[0].when.task"));
        Assert.Contains("unknown task class", Problem("rules: [{ when: { task: { $ne: coding } }, then: mini }]", $"{P}.rules[0].when.task.$ne"));
    }

    [Fact]
    public void Number_operators_need_numbers_on_number_fields()
    {
        Assert.Contains("'lots' is not a number", Problem("rules: [{ when: { prompt_tokens: { $gt: lots } }, then: mini }]", $"{P}.rules[0].when.prompt_tokens.$gt"));
        Assert.Contains("a number operator on a non-number: task", Problem("rules: [{ when: { task: { $gt: 3 } }, then: mini }]", $"{P}.rules[0].when.task.$gt"));
        Assert.Contains("a number operator on a non-number: has_tools", Problem("rules: [{ when: { has_tools: { $gte: 1 } }, then: mini }]", $"{P}.rules[0].when.has_tools.$gte"));
        Assert.Contains("a number operator on a non-number: text", Problem("rules: [{ when: { text: { $lt: 3 } }, then: mini }]", $"{P}.rules[0].when.text.$lt"));
        Assert.Contains("'high' is not a number", Problem("rules: [{ when: { confidence: high }, then: mini }]", $"{P}.rules[0].when.confidence"));
        Assert.Contains("'x' is not a number", Problem("rules: [{ when: { confidence: { $in: [0.5, x] } }, then: mini }]", $"{P}.rules[0].when.confidence.$in[1]"));
    }

    [Fact]
    public void Text_operators_need_text_fields()
    {
        Assert.Contains("$regex applies to text, but confidence is a number", Problem("rules: [{ when: { confidence: { $regex: \"0\\\\.9\" } }, then: mini }]", $"{P}.rules[0].when.confidence.$regex"));
        Assert.Contains("$contains applies to text", Problem("rules: [{ when: { stream: { $contains: t } }, then: mini }]", $"{P}.rules[0].when.stream.$contains"));
        Assert.Contains("text supports $regex, $contains and $exists", Problem("rules: [{ when: { text: hello }, then: mini }]", $"{P}.rules[0].when.text"));
        Assert.Contains("non-empty string", Problem("rules: [{ when: { user: { $contains: [a] } }, then: mini }]", $"{P}.rules[0].when.user.$contains"));
    }

    [Fact]
    public void A_regex_that_does_not_compile_is_refused()
    {
        Assert.Contains("the regex does not compile", Problem("rules: [{ when: { text: { $regex: \"(unclosed\" } }, then: mini }]", $"{P}.rules[0].when.text.$regex"));
        Assert.Contains("regular expression", Problem("rules: [{ when: { user: { $regex: \"\" } }, then: mini }]", $"{P}.rules[0].when.user.$regex"));
    }

    [Fact]
    public void Values_must_have_the_fields_shape()
    {
        Assert.Contains("'maybe' is not true or false", Problem("rules: [{ when: { stream: maybe }, then: mini }]", $"{P}.rules[0].when.stream"));
        Assert.Contains("not true or false", Problem("rules: [{ when: { user: { $exists: sometimes } }, then: mini }]", $"{P}.rules[0].when.user.$exists"));
        Assert.Contains("non-empty list", Problem("rules: [{ when: { user: { $in: alice } }, then: mini }]", $"{P}.rules[0].when.user.$in"));
        Assert.Contains("non-empty list", Problem("rules: [{ when: { user: { $nin: [] } }, then: mini }]", $"{P}.rules[0].when.user.$nin"));
        Assert.Contains("$in", Problem("rules: [{ when: { task: [code, math] }, then: mini }]", $"{P}.rules[0].when.task"));
        Assert.Contains("a value is required", Problem("rules: [{ when: { user: ~ }, then: mini }]", $"{P}.rules[0].when.user"));
        Assert.Contains("single value", Problem("rules: [{ when: { user: { $eq: [a] } }, then: mini }]", $"{P}.rules[0].when.user.$eq"));
        Assert.Contains("empty operator object", Problem("rules: [{ when: { user: {} }, then: mini }]", $"{P}.rules[0].when.user"));
    }

    [Fact]
    public void Logical_operators_need_conditions()
    {
        Assert.Contains("non-empty list of conditions", Problem("rules: [{ when: { $and: { task: code } }, then: mini }]", $"{P}.rules[0].when.$and"));
        Assert.Contains("non-empty list of conditions", Problem("rules: [{ when: { $or: [] }, then: mini }]", $"{P}.rules[0].when.$or"));
        Assert.Contains("condition object", Problem("rules: [{ when: { $not: code }, then: mini }]", $"{P}.rules[0].when.$not"));
        Assert.Contains("unknown field", Problem("rules: [{ when: { $or: [ { task: code }, { $and: [ { colour: red } ] } ] }, then: mini }]", $"{P}.rules[0].when.$or[1].$and[0].colour"));
        Assert.Contains("condition object", Problem("rules: [{ when: { $or: [ code ] }, then: mini }]", $"{P}.rules[0].when.$or[0]"));
    }

    [Fact]
    public void Every_mistake_is_listed_in_one_load()
    {
        var problems = Problems("""
            rules:
              - { when: { task: poetry, colour: red }, then: ghost }
              - { when: { text: { $regex: "[" } } }
            default: outsider
            """);
        Assert.Contains(problems, p => p.StartsWith($"{P}.rules[0].when.task: unknown task class"));
        Assert.Contains(problems, p => p.StartsWith($"{P}.rules[0].when.colour: unknown field"));
        Assert.Contains(problems, p => p.StartsWith($"{P}.rules[0].then: unknown model"));
        Assert.Contains(problems, p => p.StartsWith($"{P}.rules[1].when.text.$regex: the regex does not compile"));
        Assert.Contains(problems, p => p.StartsWith($"{P}.rules[1].then: required"));
        Assert.Contains(problems, p => p.StartsWith($"{P}.default:"));
    }

    [Fact]
    public void A_split_arm_with_the_rules_policy_is_checked_too()
    {
        var yaml = Yaml("rules: [{ when: {}, then: mini }]") + "    split: { percent: 10, policy: rules, params: { rules: [{ when: { colour: red }, then: mini }] } }\n";
        var problems = Assert.Throws<ConfigException>(() => Load(yaml)).Problems;
        Assert.Contains(problems, p => p.StartsWith("routes.smart.split.params.rules[0].when.colour: unknown field"));
    }
}
