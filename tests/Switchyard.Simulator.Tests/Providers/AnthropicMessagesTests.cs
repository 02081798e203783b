using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Simulator.Options;
using Switchyard.Simulator.Tests.Support;
using static Switchyard.Simulator.Tests.Support.ProviderRequests;

namespace Switchyard.Simulator.Tests.Providers;

public class AnthropicMessagesTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private readonly HttpClient _http = fixture.Http;

    /// <summary>Event names with runs of content_block_delta collapsed, to compare sequences of different lengths.</summary>
    private static List<string> EventOutline(IEnumerable<SseFrame> frames) =>
        frames.Select(f => f.Event!).Aggregate(new List<string>(), (list, name) =>
        {
            if (list.Count == 0 || list[^1] != name || name != "content_block_delta") list.Add(name);
            return list;
        });

    [Fact]
    public async Task Plain_answer_has_the_shape_of_the_fixture()
    {
        var json = await _http.SendForJsonAsync(Anthropic(AnthropicMessage("Say hello")));
        JsonShape.AssertSame(Fixtures.Json("anthropic/messages-response.json"), json);
        Assert.Equal("end_turn", json["stop_reason"]!.GetValue<string>());
        Assert.StartsWith("msg_", json["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fixture_tool_request_gets_a_tool_use_shaped_like_the_fixture()
    {
        var request = Fixtures.Json("anthropic/messages-request-tools.json");
        var json = await _http.SendForJsonAsync(Anthropic(request.ToJsonString()));

        JsonShape.AssertSame(Fixtures.Json("anthropic/messages-response-tool-use.json"), json);
        Assert.Equal("tool_use", json["stop_reason"]!.GetValue<string>());
        var toolUse = json["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_use")!;
        Assert.Equal("test_tool", toolUse["name"]!.GetValue<string>());
        Assert.StartsWith("toolu_", toolUse["id"]!.GetValue<string>());
        Assert.Empty(MiniSchemaValidator.Validate(request["tools"]![0]!["input_schema"]!, toolUse["input"]));
    }

    [Fact]
    public async Task Stream_has_the_fixture_event_sequence_and_payload_shapes()
    {
        var (response, raw) = await _http.SendForTextAsync(Anthropic(AnthropicMessage("Tell me about streams", stream: true)));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var expected = SseFrames.Parse(Fixtures.Text("anthropic/messages-stream.sse"));
        var frames = SseFrames.Parse(raw);

        Assert.Equal(EventOutline(expected), EventOutline(frames));
        Assert.All(frames, f => Assert.Equal(f.Event, f.Json["type"]!.GetValue<string>()));
        foreach (var frame in frames)
        {
            var counterpart = expected.First(e => e.Event == frame.Event);
            JsonShape.AssertSame(counterpart.Json, frame.Json);
        }

        var text = string.Concat(frames.Where(f => f.Event == "content_block_delta").Select(f => f.Json["delta"]!["text"]!.GetValue<string>()));
        var whole = await _http.SendForJsonAsync(Anthropic(AnthropicMessage("Tell me about streams")));
        Assert.Equal(whole["content"]![0]!["text"]!.GetValue<string>(), text);
        var final = frames.Single(f => f.Event == "message_delta").Json;
        Assert.Equal(frames.Count(f => f.Event == "content_block_delta"), final["usage"]!["output_tokens"]!.GetValue<int>());
        Assert.Equal(whole["usage"]!["input_tokens"]!.GetValue<int>(), frames[0].Json["message"]!["usage"]!["input_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Streamed_tool_use_follows_the_fixture()
    {
        var request = Fixtures.Json("anthropic/messages-request-tools.json").AsObject();
        request["stream"] = true;
        var (_, raw) = await _http.SendForTextAsync(Anthropic(request.ToJsonString()));
        var expected = SseFrames.Parse(Fixtures.Text("anthropic/messages-stream-tool-use.sse"));
        var frames = SseFrames.Parse(raw);

        Assert.Equal(EventOutline(expected), EventOutline(frames));
        var toolStart = frames.Where(f => f.Event == "content_block_start").Last().Json;
        JsonShape.AssertSame(expected.Where(f => f.Event == "content_block_start").Last().Json, toolStart);
        var partial = string.Concat(frames.Where(f => f.Json["delta"]?["type"]?.GetValue<string>() == "input_json_delta")
            .Select(f => f.Json["delta"]!["partial_json"]!.GetValue<string>()));
        Assert.Empty(MiniSchemaValidator.Validate(request["tools"]![0]!["input_schema"]!, JsonNode.Parse(partial)));
        Assert.Equal("tool_use", frames.Single(f => f.Event == "message_delta").Json["delta"]!["stop_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_api_key_gets_401_authentication_error()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = Json(AnthropicMessage("hi")) };
        request.Headers.Add("anthropic-version", "2023-06-01");
        var (response, body) = await _http.SendForTextAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var json = JsonNode.Parse(body)!;
        JsonShape.AssertSame(Fixtures.Json("anthropic/error.json"), json);
        Assert.Equal("authentication_error", json["error"]!["type"]!.GetValue<string>());
        Assert.StartsWith("req_", response.Header("request-id"));
    }

    [Fact]
    public async Task Missing_max_tokens_gets_400_invalid_request_error()
    {
        var (response, body) = await _http.SendForTextAsync(Anthropic("""{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", JsonNode.Parse(body)!["error"]!["type"]!.GetValue<string>());
        Assert.Contains("max_tokens", body);
    }

    [Fact]
    public async Task Max_tokens_cuts_the_answer_with_stop_reason_max_tokens()
    {
        var json = await _http.SendForJsonAsync(Anthropic(AnthropicMessage("Write a long story", maxTokens: 2)));
        Assert.Equal("max_tokens", json["stop_reason"]!.GetValue<string>());
        Assert.Equal(2, json["usage"]!["output_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Stop_sequences_give_stop_reason_stop_sequence()
    {
        var json = await _http.SendForJsonAsync(Anthropic(AnthropicMessage("Say something", extra: ""","stop_sequences":["answer"]""")));
        Assert.Equal("stop_sequence", json["stop_reason"]!.GetValue<string>());
        Assert.Equal("answer", json["stop_sequence"]!.GetValue<string>());
        Assert.Equal("Simulated ", json["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Prompt_over_the_context_window_gets_prompt_is_too_long()
    {
        fixture.Simulator.Options.Models["tiny-context-claude"] = new SimulatedModelSettings { ContextWindow = 3 };
        var (response, body) = await _http.SendForTextAsync(Anthropic(AnthropicMessage("far more than three tokens here", model: "tiny-context-claude")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(body)!["error"]!;
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.StartsWith("prompt is too long: ", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Injected_529_is_overloaded_error_like_the_fixture()
    {
        var (response, body) = await _http.SendForTextAsync(Anthropic(AnthropicMessage("hi [sim:error=529]")));
        Assert.Equal(529, (int)response.StatusCode);
        JsonShape.AssertSame(Fixtures.Json("anthropic/overloaded-529.json"), JsonNode.Parse(body)!, "request_id");
        Assert.Equal("overloaded_error", JsonNode.Parse(body)!["error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tool_result_is_reported_in_text_and_system_blocks_count_as_input()
    {
        const string body = """
            {"model":"claude-sonnet-4-5","max_tokens":200,"system":[{"type":"text","text":"Be brief."}],
             "tools":[{"name":"get_weather","input_schema":{"type":"object"}}],
             "messages":[{"role":"user","content":"Weather?"},
               {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"21 degrees"}]}]}
            """;
        var json = await _http.SendForJsonAsync(Anthropic(body));
        var text = json["content"]![0]!["text"]!.GetValue<string>();
        Assert.Contains("get_weather", text);
        Assert.Contains("21 degrees", text);
        Assert.Equal("end_turn", json["stop_reason"]!.GetValue<string>());
        // Be brief. (3) + Weather? (2) + get_weather (3) + {"city":"Paris"} (2) + 21 degrees (2) + tool get_weather (3) + {"type":"object"} (2)
        Assert.Equal(17, json["usage"]!["input_tokens"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("output_config", """{"format":{"type":"json_schema","schema":{"type":"object","properties":{"city":{"type":"string"},"rank":{"type":"integer"}},"required":["city","rank"],"additionalProperties":false}}}""")]
    [InlineData("output_format", """{"type":"json_schema","schema":{"type":"object","properties":{"city":{"type":"string"},"rank":{"type":"integer"}},"required":["city","rank"],"additionalProperties":false}}""")]
    public async Task Structured_output_answers_json_that_fits_the_schema(string field, string value)
    {
        var json = await _http.SendForJsonAsync(Anthropic(AnthropicMessage("Pick a city", extra: $",\"{field}\":{value}")));
        var text = json["content"]![0]!["text"]!.GetValue<string>();
        var answer = JsonNode.Parse(text)!;
        var schema = JsonNode.Parse(value)!;
        Assert.Empty(MiniSchemaValidator.Validate(schema["schema"] ?? schema["format"]!["schema"]!, answer));
    }

    [Fact]
    public async Task A_system_prompt_asking_for_a_json_object_gets_one()
    {
        var json = await _http.SendForJsonAsync(Anthropic(AnthropicMessage("List two fruits",
            extra: ",\"system\":[{\"type\":\"text\",\"text\":\"Respond with a single valid JSON object and nothing else.\"}]")));
        var answer = JsonNode.Parse(json["content"]![0]!["text"]!.GetValue<string>());
        Assert.IsType<JsonObject>(answer);
    }
}
