using System.Globalization;
using System.Text.Json;
using Switchyard.Core.Gateway;

namespace Switchyard.Core.Routing.Controls;

/// <summary>
/// Reads <see cref="RequestControls"/> from the body's "switchyard" object and x-switchyard-*
/// headers. A value of the wrong type is the client's mistake: a 400 that names the field.
/// </summary>
public static class RequestControlsParser
{
    public const string HeaderPrefix = "x-switchyard-";

    public static RequestControls Parse(JsonElement? body, Func<string, string?> header)
    {
        var controls = RequestControls.None;
        controls = FromHeaders(controls, header);
        if (body is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } b)
        {
            if (b.ValueKind != JsonValueKind.Object) throw GatewayErrors.InvalidRequest("'switchyard' must be an object.", "switchyard");
            controls = FromBody(controls, b);
        }
        Check(controls);
        return controls;
    }

    private static RequestControls FromHeaders(RequestControls c, Func<string, string?> header)
    {
        if (header("x-switchyard-max-cost-usd") is { } cost) c = c with { MaxCostUsd = Decimal(cost, "x-switchyard-max-cost-usd") };
        if (header("x-switchyard-max-latency-ms") is { } latency) c = c with { MaxLatencyMs = (double)Decimal(latency, "x-switchyard-max-latency-ms") };
        if (header("x-switchyard-min-tier") is { } tier) c = c with { MinTier = Integer(Decimal(tier, "x-switchyard-min-tier"), "x-switchyard-min-tier") };
        if (header("x-switchyard-provider-order") is { } order) c = c with { ProviderOrder = List(order) };
        if (header("x-switchyard-provider-only") is { } only) c = c with { ProviderOnly = List(only) };
        if (header("x-switchyard-provider-ignore") is { } ignore) c = c with { ProviderIgnore = List(ignore) };
        if (header("x-switchyard-allow-fallbacks") is { } allow) c = c with { AllowFallbacks = Bool(allow, "x-switchyard-allow-fallbacks") };
        if (header("x-switchyard-sort") is { } sort) c = c with { Sort = sort.Trim().ToLowerInvariant() };
        if (header("x-switchyard-models") is { } models) c = c with { FallbackModels = List(models) };
        if (header("x-switchyard-tags") is { } tags) c = c with { RequiredTags = List(tags) };
        return c;
    }

    private static RequestControls FromBody(RequestControls c, JsonElement b)
    {
        foreach (var p in b.EnumerateObject())
        {
            var path = "switchyard." + p.Name;
            c = p.Name switch
            {
                "max_cost_usd" => c with { MaxCostUsd = Number(p.Value, path) },
                "max_latency_ms" => c with { MaxLatencyMs = (double)Number(p.Value, path) },
                "min_tier" or "quality_tier" => c with { MinTier = Integer(Number(p.Value, path), path) },
                "provider" => Provider(c, p.Value, path),
                "allow_fallbacks" => c with { AllowFallbacks = p.Value.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => throw Bad(path, "a boolean") } },
                "sort" => c with { Sort = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()!.ToLowerInvariant() : throw Bad(path, "\"price\" or \"latency\"") },
                "models" => c with { FallbackModels = Strings(p.Value, path) },
                "tags" => c with { RequiredTags = Strings(p.Value, path) },
                _ => throw GatewayErrors.InvalidRequest($"'{path}' is not a Switchyard control (see the README's per-request controls).", path),
            };
        }
        return c;
    }

    private static RequestControls Provider(RequestControls c, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Bad(path, "an object with order, only and/or ignore");
        foreach (var p in value.EnumerateObject())
        {
            var sub = path + "." + p.Name;
            c = p.Name switch
            {
                "order" => c with { ProviderOrder = Strings(p.Value, sub) },
                "only" => c with { ProviderOnly = Strings(p.Value, sub) },
                "ignore" => c with { ProviderIgnore = Strings(p.Value, sub) },
                "allow_fallbacks" => c with { AllowFallbacks = p.Value.ValueKind == JsonValueKind.True || (p.Value.ValueKind == JsonValueKind.False ? false : throw Bad(sub, "a boolean")) },
                "sort" => c with { Sort = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()!.ToLowerInvariant() : throw Bad(sub, "\"price\" or \"latency\"") },
                _ => throw GatewayErrors.InvalidRequest($"'{sub}' is not a provider control (order, only, ignore, allow_fallbacks, sort).", sub),
            };
        }
        return c;
    }

    private static void Check(RequestControls c)
    {
        if (c.MaxCostUsd is < 0) throw GatewayErrors.InvalidRequest("'max_cost_usd' must not be negative.", "switchyard.max_cost_usd");
        if (c.MaxLatencyMs is <= 0) throw GatewayErrors.InvalidRequest("'max_latency_ms' must be positive.", "switchyard.max_latency_ms");
        if (c.MinTier is < 1 or > 5) throw GatewayErrors.InvalidRequest("'min_tier' must be 1-5.", "switchyard.min_tier");
        if (c.Sort is not (null or "price" or "latency")) throw GatewayErrors.InvalidRequest("'sort' must be \"price\" or \"latency\".", "switchyard.sort");
    }

    private static decimal Number(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) ? d : throw Bad(path, "a number");

    private static decimal Decimal(string text, string header) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw Bad(header, "a number");

    /// <summary>A tier is a whole number: 2.5 is refused rather than silently read as 2.</summary>
    private static int Integer(decimal value, string path) =>
        value == decimal.Truncate(value) && value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Bad(path, "a whole number (1-5)");

    private static bool Bool(string text, string header) =>
        bool.TryParse(text.Trim(), out var b) ? b : throw Bad(header, "true or false");

    private static IReadOnlyList<string> List(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlyList<string> Strings(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array) throw Bad(path, "an array of strings");
        var list = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Bad(path, "an array of strings"));
        return list;
    }

    private static GatewayException Bad(string path, string expected) =>
        GatewayErrors.InvalidRequest($"'{path}' must be {expected}.", path);
}
