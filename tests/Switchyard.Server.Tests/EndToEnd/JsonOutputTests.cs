using System.Text.Json;
using OpenAI.Chat;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.EndToEnd;

/// <summary>JSON mode and structured outputs through each wire format.</summary>
public class JsonOutputTests(GatewayFixture fixture)
{
    private const string PersonSchema = """
        {
          "type": "object",
          "properties": {
            "name": { "type": "string" },
            "age": { "type": "integer", "minimum": 0, "maximum": 150 },
            "email": { "type": "string", "format": "email" },
            "role": { "type": "string", "enum": ["admin", "member", "guest"] },
            "tags": { "type": "array", "items": { "type": "string" } },
            "address": {
              "type": "object",
              "properties": { "city": { "type": "string" }, "zip": { "type": "string" } },
              "required": ["city", "zip"],
              "additionalProperties": false
            }
          },
          "required": ["name", "age", "email", "role", "tags", "address"],
          "additionalProperties": false
        }
        """;

    [Theory]
    [ClassData(typeof(WireFormats))]
    public async Task Json_object_mode_answers_a_json_object(string model)
    {
        var chat = fixture.OpenAI().GetChatClient(model);
        var result = await chat.CompleteChatAsync([new UserChatMessage("List two fruits as JSON.")],
            new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() }, TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(result.Value.Content[0].Text);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    [Theory]
    [ClassData(typeof(WireFormats))]
    public async Task Json_schema_answer_validates_against_its_schema(string model)
    {
        var chat = fixture.OpenAI().GetChatClient(model);
        var format = ChatResponseFormat.CreateJsonSchemaFormat("person", BinaryData.FromString(PersonSchema), jsonSchemaIsStrict: true);
        var result = await chat.CompleteChatAsync([new UserChatMessage("Invent a person.")],
            new ChatCompletionOptions { ResponseFormat = format }, TestContext.Current.CancellationToken);

        using var schema = JsonDocument.Parse(PersonSchema);
        using var answer = JsonDocument.Parse(result.Value.Content[0].Text);
        var problems = JsonSchemaCheck.Validate(schema.RootElement, answer.RootElement);
        Assert.Empty(problems);
    }

    [Fact]
    public void The_schema_check_itself_catches_violations()
    {
        using var schema = JsonDocument.Parse(PersonSchema);
        using var bad = JsonDocument.Parse("""{"name": 5, "age": -1, "email": "x", "role": "boss", "tags": [1], "address": {"city": "a"}, "extra": true}""");
        var problems = JsonSchemaCheck.Validate(schema.RootElement, bad.RootElement);
        Assert.Contains(problems, p => p.Contains("$.name"));
        Assert.Contains(problems, p => p.Contains("$.age"));
        Assert.Contains(problems, p => p.Contains("$.email"));
        Assert.Contains(problems, p => p.Contains("$.role"));
        Assert.Contains(problems, p => p.Contains("$.tags[0]"));
        Assert.Contains(problems, p => p.Contains("$.address.zip"));
        Assert.Contains(problems, p => p.Contains("$.extra"));
    }
}
