using Switchyard.Core.Runtime;
using Switchyard.Core.Tokens;

namespace Switchyard.Core.Routing.Policies.Rules;

/// <summary>
/// `rules`: ordered conditions on the request (task class and confidence, prompt tokens, prompt
/// text, metadata, headers, user, key tier, model, tools, images, stream, PII) with Portkey-style
/// operators. The first rule that matches puts its `then` model's candidates first, in config
/// order, and the other candidates follow as fallbacks in config order; the decision names the
/// rule (x-switchyard-route: "route:rule"). When no rule matches, the `default` model goes first,
/// else the config order stands. Conditions are compiled at config load; a request only evaluates
/// them, in order, and the classifier runs only when a rule evaluated looks at task or confidence.
/// </summary>
public sealed class RulesPolicy : IRoutingPolicy
{
    public const string PolicyName = "rules";

    private readonly Rule[] rules;
    private readonly string? defaultTarget;
    private readonly bool[] taskSeenThrough;
    private readonly string defaultNote;
    private readonly string noMatchNote;

    internal RulesPolicy(IReadOnlyList<Rule> rules, string? defaultTarget)
    {
        this.rules = [.. rules];
        this.defaultTarget = defaultTarget;
        taskSeenThrough = new bool[this.rules.Length];
        for (var i = 0; i < this.rules.Length; i++)
            taskSeenThrough[i] = this.rules[i].UsesTask || (i > 0 && taskSeenThrough[i - 1]);
        defaultNote = $"(no rule matched; default {defaultTarget})";
        noMatchNote = defaultTarget is null ? "(no rule matched; config order)" : "(no rule matched; fallback)";
    }

    public string Name => PolicyName;

    /// <summary>The rules' names, in order.</summary>
    public IReadOnlyList<string> RuleNames => [.. rules.Select(r => r.Name)];

    public string? DefaultTarget => defaultTarget;

    /// <summary>The first rule that matches the request, or null; prompt_tokens is counted with <paramref name="tokenizer"/>.</summary>
    public string? MatchingRule(RoutingContext context, string tokenizer = TokenCounters.Estimate) =>
        Match(new RuleInput(context, tokenizer)) is var i and >= 0 ? rules[i].Name : null;

    public void Order(RoutingContext context, List<Deployment> candidates, RoutingDecision decision)
    {
        var input = new RuleInput(context, candidates.Count > 0 ? candidates[0].Model.Tokenizer : TokenCounters.Estimate);
        var index = Match(input);
        if (rules.Length > 0 && taskSeenThrough[index >= 0 ? index : rules.Length - 1]) decision.Task = context.Task;

        if (index >= 0)
        {
            var rule = rules[index];
            decision.Rule = rule.Name;
            var promoted = Promote(candidates, rule.Then);
            for (var i = 0; i < candidates.Count; i++)
                decision.Score(candidates[i], i < promoted ? 1 : 0, promoted == 0 ? rule.MissingNote : i < promoted ? rule.TargetNote : rule.FallbackNote);
            return;
        }

        var first = defaultTarget is null ? 0 : Promote(candidates, defaultTarget);
        for (var i = 0; i < candidates.Count; i++)
            decision.Score(candidates[i], i < first ? 1 : 0, i < first ? defaultNote : noMatchNote);
    }

    private int Match(in RuleInput input)
    {
        for (var i = 0; i < rules.Length; i++)
            if (rules[i].When.Matches(input)) return i;
        return -1;
    }

    /// <summary>Moves the deployments of <paramref name="model"/> to the front, keeping both groups' order; returns how many moved.</summary>
    private static int Promote(List<Deployment> candidates, string model)
    {
        var next = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!string.Equals(candidates[i].ModelName, model, StringComparison.Ordinal)) continue;
            if (i != next)
            {
                var d = candidates[i];
                candidates.RemoveAt(i);
                candidates.Insert(next, d);
            }
            next++;
        }
        return next;
    }
}

/// <summary>Builds a <see cref="RulesPolicy"/> from params.rules (the list) and params.default (optional model).</summary>
public sealed class RulesPolicyFactory : IRoutingPolicyFactory
{
    public string Name => RulesPolicy.PolicyName;

    public IRoutingPolicy? Create(PolicyBuildContext build)
    {
        var before = build.Problems.Count;
        var p = new PolicyParams(build, "rules", "default");
        p.RejectUnknownKeys();
        var compiler = new RuleCompiler(build);
        var rules = compiler.Rules(p.Node("rules"), $"{build.Path}.rules");
        var defaultTarget = build.Params?.ContainsKey("default") == true ? compiler.Target(p.Node("default"), $"{build.Path}.default") : null;
        return build.Problems.Count > before ? null : new RulesPolicy(rules, defaultTarget);
    }
}
