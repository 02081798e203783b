using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Simulator.Generation;
using Switchyard.Simulator.Tests.Support;

namespace Switchyard.Simulator.Tests.Generation;

public class JsonSchemaSamplerTests
{
    private static JsonNode Sample(string schema, ulong seed = 7)
    {
        using var document = JsonDocument.Parse(schema);
        return JsonNode.Parse(JsonSchemaSampler.Sample(document.RootElement, seed))!;
    }

    private static void AssertValid(string schema, ulong seed = 7)
    {
        var value = Sample(schema, seed);
        var errors = MiniSchemaValidator.Validate(JsonNode.Parse(schema)!, value);
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\nvalue: " + value.ToJsonString());
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":18,"maximum":19}},"required":["name","age"],"additionalProperties":false}""")]
    [InlineData("""{"type":"array","items":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1},"minItems":3,"maxItems":3}""")]
    [InlineData("""{"type":"string","enum":["red","green","blue"]}""")]
    [InlineData("""{"const":{"fixed":[1,2]}}""")]
    [InlineData("""{"anyOf":[{"type":"integer","minimum":5,"maximum":5},{"type":"string"}]}""")]
    [InlineData("""{"oneOf":[{"type":"boolean"},{"type":"string"}]}""")]
    [InlineData("""{"type":"object","properties":{"when":{"type":"string","format":"date"},"at":{"type":"string","format":"date-time"},"mail":{"type":"string","format":"email"},"id":{"type":"string","format":"uuid"}},"required":["when","at","mail","id"]}""")]
    [InlineData("""{"type":["string","null"],"minLength":12,"maxLength":12}""")]
    [InlineData("""{"type":"number","minimum":-3.5,"maximum":-3.25}""")]
    [InlineData("""{"type":"integer","multipleOf":5,"minimum":1,"maximum":9}""")]
    public void Generates_values_that_validate(string schema) => AssertValid(schema);

    [Fact]
    public void Follows_refs_to_defs_and_ends_recursive_schemas()
    {
        const string schema = """
            {"$defs":{"node":{"type":"object","properties":{"label":{"type":"string"},"children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["label"]}},
             "$ref":"#/$defs/node"}
            """;
        AssertValid(schema);
    }

    [Fact]
    public void Accepts_gemini_openapi_types_in_upper_case()
    {
        const string schema = """{"type":"OBJECT","properties":{"recipe":{"type":"STRING"},"steps":{"type":"ARRAY","items":{"type":"STRING"}},"minutes":{"type":"INTEGER"},"vegan":{"type":"BOOLEAN"}},"required":["recipe","steps"]}""";
        var value = Sample(schema).AsObject();
        Assert.Equal(JsonValueKind.String, value["recipe"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Array, value["steps"]!.GetValueKind());
        Assert.True(value["minutes"]!.GetValue<double>() % 1 == 0);
        AssertValid(schema);
    }

    [Fact]
    public void Same_seed_gives_the_same_value_and_another_seed_may_differ()
    {
        const string schema = """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}}}""";
        Assert.Equal(Sample(schema, 1).ToJsonString(), Sample(schema, 1).ToJsonString());
        Assert.Contains(Enumerable.Range(2, 10), seed => Sample(schema, (ulong)seed).ToJsonString() != Sample(schema, 1).ToJsonString());
    }

    [Fact]
    public void Writes_a_string_for_required_names_without_a_property()
    {
        var value = Sample("""{"type":"object","required":["mystery"]}""").AsObject();
        Assert.Equal(JsonValueKind.String, value["mystery"]!.GetValueKind());
    }
}
