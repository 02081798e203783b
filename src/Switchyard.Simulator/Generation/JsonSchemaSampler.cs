using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// Generates a JSON value that validates against a schema, for structured-output answers and
/// tool-call arguments. Supports the subset that providers accept: <c>type</c> (also Gemini's
/// upper-case OpenAPI types and type arrays), <c>properties</c> (all written; <c>required</c>
/// names without a property get a string), <c>items</c>/<c>prefixItems</c> with
/// <c>minItems</c>/<c>maxItems</c>, <c>enum</c>, <c>const</c>, <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c>
/// (the first branch), <c>$ref</c> to <c>#</c>, <c>#/$defs/…</c> or <c>#/definitions/…</c>, string
/// <c>format</c>s (date, date-time, time, email, uri, uuid, ipv4, ipv6, hostname, duration),
/// <c>minLength</c>/<c>maxLength</c>, and number bounds (<c>minimum</c>, <c>maximum</c>, the
/// exclusive ones, <c>multipleOf</c>). <c>pattern</c> is not honoured. Output depends only on
/// the schema and the seed.
/// </summary>
internal sealed class JsonSchemaSampler
{
    // Past this depth only required properties and minimum item counts are written, so
    // recursive schemas ($ref to an ancestor) still end.
    private const int ShallowDepth = 6;
    private const int MaxDepth = 24;

    private static readonly string[] Words = ["alpha", "bravo", "delta", "echo", "harbor", "lumen", "nova", "orbit", "quartz", "sierra"];

    private readonly JsonElement _root;
    private SplitMix64 _random;

    private JsonSchemaSampler(JsonElement root, ulong seed)
    {
        _root = root;
        _random = new SplitMix64(seed);
    }

    public static string Sample(JsonElement schema, ulong seed)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            new JsonSchemaSampler(schema, seed).Write(writer, schema, 0, null);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void Write(Utf8JsonWriter w, JsonElement schema, int depth, string? name)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            // `true`, a missing schema or anything odd accepts any value; `false` accepts none.
            if (schema.ValueKind == JsonValueKind.False) w.WriteNullValue();
            else w.WriteStringValue(PickWord());
            return;
        }
        if (depth > MaxDepth)
        {
            w.WriteNullValue();
            return;
        }
        if (schema.TryGetProperty("$ref", out var reference) && Resolve(reference.GetString()) is { } target)
        {
            Write(w, target, depth + 1, name);
            return;
        }
        if (schema.TryGetProperty("const", out var constant))
        {
            constant.WriteTo(w);
            return;
        }
        if (schema.TryGetProperty("enum", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            choices[_random.NextInt(choices.GetArrayLength())].WriteTo(w);
            return;
        }
        foreach (var combinator in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (schema.TryGetProperty(combinator, out var branches) && branches.ValueKind == JsonValueKind.Array && branches.GetArrayLength() > 0)
            {
                Write(w, branches[0], depth + 1, name);
                return;
            }
        }
        switch (TypeOf(schema))
        {
            case "object": WriteObject(w, schema, depth); break;
            case "array": WriteArray(w, schema, depth, name); break;
            case "integer": WriteInteger(w, schema); break;
            case "number": WriteNumber(w, schema); break;
            case "boolean": w.WriteBooleanValue((_random.Next() & 1) == 1); break;
            case "null": w.WriteNullValue(); break;
            default: w.WriteStringValue(StringValue(schema, name)); break;
        }
    }

    private static string TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String) return type.GetString()!.ToLowerInvariant();
            if (type.ValueKind == JsonValueKind.Array)
            {
                // Prefer a real value over null in ["string", "null"].
                foreach (var t in type.EnumerateArray())
                {
                    var name = t.GetString()?.ToLowerInvariant();
                    if (name is not null and not "null") return name;
                }
                return "null";
            }
        }
        if (schema.TryGetProperty("properties", out _)) return "object";
        if (schema.TryGetProperty("items", out _) || schema.TryGetProperty("prefixItems", out _)) return "array";
        return "string";
    }

    private JsonElement? Resolve(string? reference)
    {
        if (reference is null || !reference.StartsWith('#')) return null;
        var node = _root;
        foreach (var segment in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = Uri.UnescapeDataString(segment).Replace("~1", "/").Replace("~0", "~");
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(key, out node)) return null;
        }
        return node;
    }

    private void WriteObject(Utf8JsonWriter w, JsonElement schema, int depth)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array)
        {
            foreach (var n in names.EnumerateArray())
            {
                if (n.GetString() is { } s) required.Add(s);
            }
        }
        w.WriteStartObject();
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var isRequired = required.Remove(property.Name);
                if (!isRequired && depth >= ShallowDepth) continue;
                w.WritePropertyName(property.Name);
                Write(w, property.Value, depth + 1, property.Name);
            }
        }
        foreach (var missing in required)
        {
            w.WriteString(missing, PickWord());
        }
        w.WriteEndObject();
    }

    private void WriteArray(Utf8JsonWriter w, JsonElement schema, int depth, string? name)
    {
        var min = IntOf(schema, "minItems") ?? 0;
        var max = IntOf(schema, "maxItems") ?? int.MaxValue;
        var unique = schema.TryGetProperty("uniqueItems", out var u) && u.ValueKind == JsonValueKind.True;
        var preferred = depth >= ShallowDepth ? min : Math.Max(min, unique ? 1 : 2);
        var count = Math.Min(preferred, max);

        w.WriteStartArray();
        var written = 0;
        if (schema.TryGetProperty("prefixItems", out var prefix) && prefix.ValueKind == JsonValueKind.Array)
        {
            foreach (var itemSchema in prefix.EnumerateArray())
            {
                if (written >= Math.Max(count, prefix.GetArrayLength()) || written >= max) break;
                Write(w, itemSchema, depth + 1, name);
                written++;
            }
        }
        schema.TryGetProperty("items", out var items);
        for (; written < count; written++)
        {
            Write(w, items, depth + 1, name);
        }
        w.WriteEndArray();
    }

    private void WriteInteger(Utf8JsonWriter w, JsonElement schema)
    {
        var (low, high) = Bounds(schema, 0, 100);
        var lo = (long)Math.Ceiling(low.Value + (low.Exclusive && low.Value == Math.Ceiling(low.Value) ? 1 : 0));
        var hi = (long)Math.Floor(high.Value - (high.Exclusive && high.Value == Math.Floor(high.Value) ? 1 : 0));
        if (hi < lo) hi = lo;
        var value = lo + (long)(_random.Next() % (ulong)Math.Min(hi - lo + 1, int.MaxValue));
        if (NumberOf(schema, "multipleOf") is { } step && step >= 1)
        {
            var m = (long)step;
            var aligned = (long)Math.Ceiling(value / (double)m) * m;
            value = aligned <= hi ? aligned : (long)Math.Ceiling(lo / (double)m) * m;
        }
        w.WriteNumberValue(value);
    }

    private void WriteNumber(Utf8JsonWriter w, JsonElement schema)
    {
        var (low, high) = Bounds(schema, 0, 100);
        var value = Math.Round(low.Value + (high.Value - low.Value) * (0.1 + 0.8 * _random.NextDouble()), 2);
        if (value < low.Value || value > high.Value || (low.Exclusive && value == low.Value) || (high.Exclusive && value == high.Value))
        {
            value = (low.Value + high.Value) / 2; // rounding stepped outside a narrow range
        }
        if (NumberOf(schema, "multipleOf") is { } step && step > 0)
        {
            var aligned = Math.Ceiling(low.Value / step) * step;
            if (low.Exclusive && aligned == low.Value) aligned += step;
            value = aligned;
        }
        w.WriteNumberValue(value);
    }

    private readonly record struct Bound(double Value, bool Exclusive);

    /// <summary>Reads minimum/maximum and the exclusive forms (draft 4 booleans or draft 6+ numbers).</summary>
    private static (Bound Low, Bound High) Bounds(JsonElement schema, double defaultLow, double span)
    {
        Bound? low = NumberOf(schema, "minimum") is { } min ? new(min, false) : null;
        Bound? high = NumberOf(schema, "maximum") is { } max ? new(max, false) : null;
        if (NumberOf(schema, "exclusiveMinimum") is { } emin) low = new(emin, true);
        else if (low is { } l && schema.TryGetProperty("exclusiveMinimum", out var flag) && flag.ValueKind == JsonValueKind.True) low = l with { Exclusive = true };
        if (NumberOf(schema, "exclusiveMaximum") is { } emax) high = new(emax, true);
        else if (high is { } h && schema.TryGetProperty("exclusiveMaximum", out var flag) && flag.ValueKind == JsonValueKind.True) high = h with { Exclusive = true };

        var lo = low ?? new Bound(high is { } hi0 ? Math.Min(defaultLow, hi0.Value - span) : defaultLow, false);
        var hi = high ?? new Bound(lo.Value + span, false);
        return (lo, hi);
    }

    private string StringValue(JsonElement schema, string? name)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var n = _random.NextInt(200) + 1;
        var value = format switch
        {
            "date" => $"2024-{n % 12 + 1:00}-{n % 28 + 1:00}",
            "date-time" => $"2024-{n % 12 + 1:00}-{n % 28 + 1:00}T{n % 24:00}:{n % 60:00}:00Z",
            "time" => $"{n % 24:00}:{n % 60:00}:00",
            "email" => $"{PickWord()}{n}@example.com",
            "uri" or "url" or "uri-reference" or "iri" => $"https://example.com/{PickWord()}/{n}",
            "uuid" => new Guid(unchecked((int)_random.Next()), (short)n, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, (byte)n).ToString(),
            "ipv4" => $"192.0.2.{n % 255}",
            "ipv6" => $"2001:db8::{n:x}",
            "hostname" => $"{PickWord()}{n}.example.com",
            "duration" => $"P{n % 30 + 1}D",
            _ => name is null ? $"{PickWord()} {n}" : $"{name} {PickWord()} {n}",
        };
        var minLength = IntOf(schema, "minLength") ?? 0;
        var maxLength = IntOf(schema, "maxLength") ?? int.MaxValue;
        if (value.Length < minLength) value = value.PadRight(minLength, 'x');
        if (value.Length > maxLength) value = value[..maxLength];
        return value;
    }

    private string PickWord() => Words[_random.NextInt(Words.Length)];

    private static int? IntOf(JsonElement schema, string key) =>
        schema.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? (int)Math.Min(v.GetDouble(), int.MaxValue)
        : schema.TryGetProperty(key, out v) && v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), out var parsed) ? parsed // Gemini sends int64 as strings
        : null;

    private static double? NumberOf(JsonElement schema, string key) =>
        schema.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
