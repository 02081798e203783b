using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchyard.Core.Catalog;

namespace Switchyard.Core.Routing.Policies.Rules;

/// <summary>
/// Compiles a `rules` route's params into evaluator objects, adding one problem with its config
/// path (e.g. "routes.smart.params.rules[1].when.task.$in[0]") for everything it refuses, so one
/// config load lists every mistake.
/// </summary>
internal sealed class RuleCompiler(PolicyBuildContext build)
{
    public const string FieldOperators = "$eq, $ne, $in, $nin, $gt, $gte, $lt, $lte, $regex, $contains, $exists, $not";
    public const string LogicalOperators = "$and, $or, $not";
    private const string TaskClasses = "chat, code, math, reasoning, extraction, summarization, translation, creative_writing, classification";

    private bool usesTask;

    private void Problem(string path, string message) => build.Problems.Add($"{path}: {message}");

    public List<Rule> Rules(JsonNode? node, string path)
    {
        var rules = new List<Rule>();
        if (node is null) { Problem(path, "required: a list of rules, each with a `when` condition and a `then` model"); return rules; }
        if (node is not JsonArray list) { Problem(path, "must be a list of rules, each with a `when` condition and a `then` model"); return rules; }
        if (list.Count == 0) { Problem(path, "at least one rule is required"); return rules; }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
            if (ParseRule(list[i], $"{path}[{i}]", i) is { } rule)
            {
                if (!names.Add(rule.Name)) Problem($"{path}[{i}].name", $"'{rule.Name}' is already the name of an earlier rule");
                rules.Add(rule);
            }
        return rules;
    }

    private Rule? ParseRule(JsonNode? node, string path, int index)
    {
        if (node is not JsonObject rule) { Problem(path, "a rule must be an object with `when` and `then` (and optionally `name`)"); return null; }
        var before = build.Problems.Count;
        foreach (var (key, _) in rule)
            if (key is not ("name" or "when" or "query" or "then"))
                Problem($"{path}.{key}", "unknown key in a rule (known: name, when, then)");

        var name = $"rule-{index + 1}";
        if (rule.ContainsKey("name"))
        {
            if (Scalar(rule["name"]) is { Length: > 0 } n && n.All(c => c is > ' ' and < '\u007f')) name = n;
            else Problem($"{path}.name", "must be a non-empty name of printable ASCII characters without spaces (it is sent in the x-switchyard-route header)");
        }

        var whenKey = rule.ContainsKey("when") ? "when" : "query"; // `query` is Portkey's word for it
        if (rule.ContainsKey("when") && rule.ContainsKey("query")) Problem($"{path}.query", "give either `when` or `query`, not both");
        usesTask = false;
        RuleCondition? when = null;
        if (!rule.ContainsKey(whenKey)) Problem($"{path}.when", "required: the condition under which this rule applies (`{}` matches every request)");
        else when = Condition(rule[whenKey], $"{path}.{whenKey}");

        string? then = null;
        if (!rule.ContainsKey("then")) Problem($"{path}.then", "required: the model this rule sends matching requests to");
        else then = Target(rule["then"], $"{path}.then");

        if (build.Problems.Count > before || when is null || then is null) return null;
        return new Rule(name, when, then, usesTask);
    }

    /// <summary>A `then` or `default`: must be one of this route's models (a rule only reorders the route's own candidates).</summary>
    public string? Target(JsonNode? node, string path)
    {
        var models = build.Candidates.Select(c => c.ModelName).Distinct().ToList();
        if (Scalar(node) is not { Length: > 0 } target)
        {
            Problem(path, $"must name one of this route's models ({string.Join(", ", models)})");
            return null;
        }
        if (models.Contains(target)) return target;
        Problem(path, build.IsKnownTarget(target)
            ? $"'{target}' is configured, but it is not one of this route's models; a rule can only put the route's own models first, so add it to routes.{build.Route}.models or pick one of: {string.Join(", ", models)}"
            : $"unknown model '{target}'; a rule's target must be one of this route's models: {string.Join(", ", models)}");
        return null;
    }

    /// <summary>A condition object: fields (implicit AND) and $and / $or / $not.</summary>
    public RuleCondition? Condition(JsonNode? node, string path)
    {
        if (node is not JsonObject map)
        {
            Problem(path, "must be a condition object, e.g. { task: code } or { $or: [ ... ] }");
            return null;
        }
        if (map.Count == 0) return AlwaysCondition.Instance;
        var parts = new List<RuleCondition>(map.Count);
        var ok = true;
        foreach (var (key, value) in map)
        {
            var part = key switch
            {
                "$and" => Logical(value, $"{path}.$and", all: true),
                "$or" => Logical(value, $"{path}.$or", all: false),
                "$not" => Not(value, $"{path}.$not"),
                _ when key.StartsWith('$') => Unknown($"{path}.{key}",
                    $"unknown operator '{key}' (at the condition level: {LogicalOperators}; field operators go under a field: {FieldOperators})"),
                _ => Field(key, value, $"{path}.{key}"),
            };
            if (part is null) ok = false;
            else parts.Add(part);
        }
        return !ok ? null : parts.Count == 1 ? parts[0] : new AllOf([.. parts]);
    }

    private RuleCondition? Unknown(string path, string message)
    {
        Problem(path, message);
        return null;
    }

    private RuleCondition? Logical(JsonNode? node, string path, bool all)
    {
        if (node is not JsonArray { Count: > 0 } list)
        {
            Problem(path, "must be a non-empty list of conditions");
            return null;
        }
        var parts = Conditions(list, path);
        return parts is null ? null : parts.Length == 1 ? parts[0] : all ? new AllOf(parts) : new AnyOf(parts);
    }

    /// <summary>$not of an object negates it; $not of a list matches when none of the listed conditions does.</summary>
    private RuleCondition? Not(JsonNode? node, string path)
    {
        if (node is JsonObject) return Condition(node, path) is { } inner ? new NotCondition(inner) : null;
        if (node is JsonArray { Count: > 0 } list)
            return Conditions(list, path) is { } parts ? new NotCondition(parts.Length == 1 ? parts[0] : new AnyOf(parts)) : null;
        Problem(path, "must be a condition object or a non-empty list of conditions");
        return null;
    }

    private RuleCondition[]? Conditions(JsonArray list, string path)
    {
        var parts = new List<RuleCondition>(list.Count);
        var ok = true;
        for (var i = 0; i < list.Count; i++)
        {
            if (Condition(list[i], $"{path}[{i}]") is { } part) parts.Add(part);
            else ok = false;
        }
        return ok ? [.. parts] : null;
    }

    private RuleCondition? Field(string key, JsonNode? node, string path)
    {
        if (RuleFields.Parse(key) is not { } field)
        {
            Problem(path, key is "metadata" or "header"
                ? $"unknown field '{key}': name the key, e.g. {key}.team (fields: {RuleFields.Known})"
                : $"unknown field '{key}' (fields: {RuleFields.Known})");
            return null;
        }
        if (field.UsesTask) usesTask = true;
        return FieldValue(field, node, path);
    }

    /// <summary>A field's operator object ({ $gt: 2000, $lt: 8000 } = both), or a bare value meaning $eq.</summary>
    private RuleCondition? FieldValue(RuleField field, JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                Problem(path, "a value is required (use { $exists: false } to test that it is missing)");
                return null;
            case JsonArray:
                Problem(path, "a list needs an operator: { $in: [ ... ] }");
                return null;
            case JsonValue:
                return Operator(field, "$eq", node, path);
        }
        var map = (JsonObject)node;
        if (map.Count == 0) { Problem(path, $"an empty operator object (operators: {FieldOperators})"); return null; }
        var parts = new List<RuleCondition>(map.Count);
        var ok = true;
        foreach (var (op, operand) in map)
        {
            var part = op.StartsWith('$')
                ? Operator(field, op, operand, $"{path}.{op}")
                : Unknown($"{path}.{op}", $"'{op}' is not an operator (operators: {FieldOperators})");
            if (part is null) ok = false;
            else parts.Add(part);
        }
        return !ok ? null : parts.Count == 1 ? parts[0] : new AllOf([.. parts]);
    }

    private RuleCondition? Operator(RuleField field, string op, JsonNode? operand, string path)
    {
        switch (op)
        {
            case "$eq": return Equality(field, [operand], path, single: true, negate: false);
            case "$ne": return Equality(field, [operand], path, single: true, negate: true);
            case "$in":
            case "$nin":
                if (operand is not JsonArray { Count: > 0 } list) { Problem(path, "must be a non-empty list of values"); return null; }
                return Equality(field, [.. list], path, single: false, negate: op == "$nin");
            case "$gt": return Comparison(field, NumberComparison.Gt, operand, path);
            case "$gte": return Comparison(field, NumberComparison.Gte, operand, path);
            case "$lt": return Comparison(field, NumberComparison.Lt, operand, path);
            case "$lte": return Comparison(field, NumberComparison.Lte, operand, path);
            case "$regex": return Text(field, op, operand, path);
            case "$contains": return Text(field, op, operand, path);
            case "$exists":
                if (Bool(operand) is { } exists) return new ExistsCondition(field, exists);
                Problem(path, $"'{Show(operand)}' is not true or false");
                return null;
            case "$not":
                return FieldValue(field, operand, path) is { } inner ? new NotCondition(inner) : null;
            case "$and" or "$or":
                Problem(path, $"{op} goes at the condition level, e.g. {{ {op}: [ {{ {field.Name}: ... }}, ... ] }} (field operators: {FieldOperators})");
                return null;
            default:
                Problem(path, $"unknown operator '{op}' (field operators: {FieldOperators})");
                return null;
        }
    }

    private RuleCondition? Equality(RuleField field, JsonNode?[] operands, string path, bool single, bool negate)
    {
        string ItemPath(int i) => single ? path : $"{path}[{i}]";
        var ok = true;
        switch (field)
        {
            case StringField s:
            {
                var values = new string[operands.Length];
                var numbers = new double[operands.Length];
                for (var i = 0; i < operands.Length; i++)
                {
                    var text = Scalar(operands[i]);
                    if (text is null) { Problem(ItemPath(i), "must be a single value"); ok = false; continue; }
                    if (field.Kind == RuleFieldKind.Task)
                    {
                        if (!TaskClassNames.TryParse(text, out var task)) { Problem(ItemPath(i), $"unknown task class '{text}' ({TaskClasses})"); ok = false; continue; }
                        values[i] = task.Name();
                        numbers[i] = double.NaN;
                    }
                    else
                    {
                        values[i] = text;
                        numbers[i] = RuleNumbers.Parse(text);
                    }
                }
                return ok ? new StringEquals(s, values, numbers, negate) : null;
            }
            case NumberField n:
            {
                var values = new double[operands.Length];
                for (var i = 0; i < operands.Length; i++)
                {
                    if (Number(operands[i]) is { } v) values[i] = v;
                    else { Problem(ItemPath(i), $"'{Show(operands[i])}' is not a number ({field.Name} is a number)"); ok = false; }
                }
                return ok ? new NumberEquals(n, values, negate) : null;
            }
            case BoolField b:
            {
                var values = new bool[operands.Length];
                for (var i = 0; i < operands.Length; i++)
                {
                    if (Bool(operands[i]) is { } v) values[i] = v;
                    else { Problem(ItemPath(i), $"'{Show(operands[i])}' is not true or false ({field.Name} is true or false)"); ok = false; }
                }
                return ok ? new BoolEquals(b, values, negate) : null;
            }
            default:
                Problem(path, "text supports $regex, $contains and $exists (it is the whole prompt, so equality is never what you want)");
                return null;
        }
    }

    private RuleCondition? Comparison(RuleField field, NumberComparison comparison, JsonNode? operand, string path)
    {
        if (Number(operand) is not { } threshold)
        {
            Problem(path, $"'{Show(operand)}' is not a number (the comparison operators compare numbers)");
            return null;
        }
        switch (field)
        {
            case NumberField n: return new NumberCompare(n, comparison, threshold);
            case StringField s when field.Kind == RuleFieldKind.String: return new StringCompare(s, comparison, threshold);
        }
        Problem(path, $"a number operator on a non-number: {field.Name} is {KindText(field.Kind)}");
        return null;
    }

    private RuleCondition? Text(RuleField field, string op, JsonNode? operand, string path)
    {
        if (field.Kind is RuleFieldKind.Number or RuleFieldKind.Bool)
        {
            Problem(path, $"{op} applies to text, but {field.Name} is {KindText(field.Kind)}");
            return null;
        }
        if (operand is not JsonValue || Scalar(operand) is not { Length: > 0 } text)
        {
            Problem(path, op == "$regex" ? "must be a regular expression (a non-empty string)" : "must be a non-empty string");
            return null;
        }
        if (op == "$contains")
            return field is StringField s ? new StringContains(s, text) : new PromptContains(text);
        Regex regex;
        try
        {
            regex = new Regex(text, RegexOptions.CultureInvariant | RegexOptions.Compiled, RuleRegex.MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            Problem(path, $"the regex does not compile: {ex.Message}");
            return null;
        }
        return field is StringField f ? new StringRegex(f, regex) : new PromptRegex(regex);
    }

    private static string KindText(RuleFieldKind kind) => kind switch
    {
        RuleFieldKind.Task => $"a task class name ({TaskClasses})",
        RuleFieldKind.Prompt => "the prompt text",
        RuleFieldKind.Number => "a number",
        RuleFieldKind.Bool => "true or false",
        _ => "a string",
    };

    /// <summary>A scalar as text (YAML scalars arrive as strings); null for objects, lists and null.</summary>
    private static string? Scalar(JsonNode? node) => node is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => v.ToJsonString(),
        }
        : null;

    private static double? Number(JsonNode? node) => node is null ? null : PolicyParams.AsNumber(node) is { } d && double.IsFinite(d) ? d : null;

    private static bool? Bool(JsonNode? node) => Scalar(node) switch
    {
        { } s when s.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        { } s when s.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        _ => null,
    };

    private static string Show(JsonNode? node) => node is null ? "null" : Scalar(node) ?? node.ToJsonString();
}

/// <summary>One compiled rule: its name (for x-switchyard-route), condition and target model.</summary>
internal sealed class Rule(string name, RuleCondition when, string then, bool usesTask)
{
    public string Name { get; } = name;
    public RuleCondition When { get; } = when;
    public string Then { get; } = then;
    /// <summary>The condition looks at task or confidence.</summary>
    public bool UsesTask { get; } = usesTask;
    public string TargetNote { get; } = $"(rule {name} → {then})";
    public string FallbackNote { get; } = $"(rule {name} matched; fallback)";
    public string MissingNote { get; } = $"(rule {name} matched, but {then} was filtered out; config order)";
}
