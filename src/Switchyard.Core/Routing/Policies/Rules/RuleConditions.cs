using System.Globalization;
using System.Text.RegularExpressions;

namespace Switchyard.Core.Routing.Policies.Rules;

/// <summary>
/// A compiled rule condition: built once at config load from the route's params, evaluated per
/// request without parsing or allocating.
/// </summary>
internal abstract class RuleCondition
{
    public abstract bool Matches(in RuleInput input);
}

internal enum NumberComparison { Gt, Gte, Lt, Lte }

/// <summary>`when: {}` — matches every request.</summary>
internal sealed class AlwaysCondition : RuleCondition
{
    public static readonly AlwaysCondition Instance = new();
    public override bool Matches(in RuleInput input) => true;
}

internal sealed class AllOf(RuleCondition[] parts) : RuleCondition
{
    public override bool Matches(in RuleInput input)
    {
        foreach (var part in parts) if (!part.Matches(input)) return false;
        return true;
    }
}

internal sealed class AnyOf(RuleCondition[] parts) : RuleCondition
{
    public override bool Matches(in RuleInput input)
    {
        foreach (var part in parts) if (part.Matches(input)) return true;
        return false;
    }
}

internal sealed class NotCondition(RuleCondition inner) : RuleCondition
{
    public override bool Matches(in RuleInput input) => !inner.Matches(input);
}

internal sealed class ExistsCondition(RuleField field, bool expected) : RuleCondition
{
    public override bool Matches(in RuleInput input) => field.Exists(input) == expected;
}

/// <summary>
/// $eq / $ne / $in / $nin on a string field: exact (ordinal) equality, or numeric equality when both
/// sides parse as numbers ("2" equals "2.0"). A missing value matches only the negated forms.
/// </summary>
internal sealed class StringEquals(StringField field, string[] values, double[] numbers, bool negate) : RuleCondition
{
    public override bool Matches(in RuleInput input)
    {
        if (field.Value(input) is not { } value) return negate;
        var number = double.NaN;
        var parsed = false;
        for (var i = 0; i < values.Length; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal)) return !negate;
            if (double.IsNaN(numbers[i])) continue;
            if (!parsed) { parsed = true; number = RuleNumbers.Parse(value); }
            if (number == numbers[i]) return !negate;
        }
        return negate;
    }
}

/// <summary>$gt... on a string field (metadata, headers...): the value is parsed as a number; missing or not a number never matches.</summary>
internal sealed class StringCompare(StringField field, NumberComparison comparison, double operand) : RuleCondition
{
    public override bool Matches(in RuleInput input) =>
        field.Value(input) is { } value && RuleNumbers.Parse(value) is var n && !double.IsNaN(n) && RuleNumbers.Compare(n, comparison, operand);
}

internal sealed class StringRegex(StringField field, Regex regex) : RuleCondition
{
    public override bool Matches(in RuleInput input) => field.Value(input) is { } value && RuleRegex.IsMatch(regex, value);
}

internal sealed class StringContains(StringField field, string needle) : RuleCondition
{
    public override bool Matches(in RuleInput input) =>
        field.Value(input) is { } value && value.Contains(needle, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// $regex on the prompt text: the last user message and the system prompt are searched separately
/// (an absent system prompt is not searched, so "^$"-like patterns do not match it).
/// </summary>
internal sealed class PromptRegex(Regex regex) : RuleCondition
{
    public override bool Matches(in RuleInput input)
    {
        var system = PromptField.System(input);
        return RuleRegex.IsMatch(regex, PromptField.User(input)) || (system.Length > 0 && RuleRegex.IsMatch(regex, system));
    }
}

internal sealed class PromptContains(string needle) : RuleCondition
{
    public override bool Matches(in RuleInput input) =>
        PromptField.User(input).Contains(needle, StringComparison.OrdinalIgnoreCase)
        || PromptField.System(input).Contains(needle, StringComparison.OrdinalIgnoreCase);
}

internal sealed class NumberEquals(NumberField field, double[] values, bool negate) : RuleCondition
{
    public override bool Matches(in RuleInput input)
    {
        var value = field.Value(input);
        foreach (var v in values) if (v == value) return !negate;
        return negate;
    }
}

internal sealed class NumberCompare(NumberField field, NumberComparison comparison, double operand) : RuleCondition
{
    public override bool Matches(in RuleInput input) => RuleNumbers.Compare(field.Value(input), comparison, operand);
}

internal sealed class BoolEquals(BoolField field, bool[] values, bool negate) : RuleCondition
{
    public override bool Matches(in RuleInput input)
    {
        var value = field.Value(input);
        foreach (var v in values) if (v == value) return !negate;
        return negate;
    }
}

internal static class RuleNumbers
{
    /// <summary>The number a string holds, or NaN.</summary>
    public static double Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;

    public static bool Compare(double value, NumberComparison comparison, double operand) => comparison switch
    {
        NumberComparison.Gt => value > operand,
        NumberComparison.Gte => value >= operand,
        NumberComparison.Lt => value < operand,
        _ => value <= operand,
    };
}

internal static class RuleRegex
{
    /// <summary>A runaway pattern must not stall routing: past this a regex counts as not matching.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    public static bool IsMatch(Regex regex, string text)
    {
        try { return regex.IsMatch(text); }
        catch (RegexMatchTimeoutException) { return false; }
    }
}
