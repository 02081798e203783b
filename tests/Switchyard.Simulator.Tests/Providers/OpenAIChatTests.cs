using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Simulator.Options;
using Switchyard.Simulator.Tests.Support;
using static Switchyard.Simulator.Tests.Support.ProviderRequests;

namespace Switchyard.Simulator.Tests.Providers;

public class OpenAIChatTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task Plain_answer_has_the_shape_of_the_fixture()
    {
        var json = await _http.SendForJsonAsync(OpenAI(OpenAIChat("Say hello")));

        JsonShape.AssertSame(Fixtures.Json("openai/chat-response.json"), json);
        Assert.Equal("stop", json["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.StartsWith("chatcmpl-", json["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fixture_tool_request_gets_a_tool_call_shaped_like_the_fixture()
    {
        var request = Fixtures.Json("openai/chat-request-tools.json");
        var json = await _http.SendForJsonAsync(OpenAI(request.ToJsonString()));

        JsonShape.AssertSame(Fixtures.Json("openai/chat-response-tool-calls.json"), json,
            "choices[].message.refusal", "choices[].message.annotations", "usage.prompt_tokens_details",
            "usage.completion_tokens_details.audio_tokens", "service_tier");
        var choice = json["choices"]![0]!;
        Assert.Equal("tool_calls", choice["finish_reason"]!.GetValue<string>());
        var function = choice["message"]!["tool_calls"]![0]!["function"]!;
        Assert.Equal("get_current_weather", function["name"]!.GetValue<string>());
        var arguments = JsonNode.Parse(function["arguments"]!.GetValue<string>());
        var schema = request["tools"]![0]!["function"]!["parameters"]!;
        Assert.Empty(MiniSchemaValidator.Validate(schema, arguments));
    }

    [Fact]
    public async Task Stream_follows_the_fixture_chunk_sequence()
    {
        var (response, raw) = await _http.SendForTextAsync(OpenAI(OpenAIChat("Tell me about streams", stream: true)));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);

        var expected = SseFrames.Parse(Fixtures.Text("openai/chat-stream.sse"));
        var frames = SseFrames.Parse(raw);
        Assert.EndsWith("data: [DONE]\n\n", raw);
        Assert.DoesNotContain("\r", raw);
        Assert.Equal("[DONE]", frames[^1].Data);

        var chunks = frames[..^1].Select(f => f.Json).ToList();
        JsonShape.AssertSame(expected[0].Json, chunks[0], "usage");
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.Equal("", chunks[0]["choices"]![0]!["delta"]!["content"]!.GetValue<string>());
        var deltas = chunks[1..^2];
        Assert.NotEmpty(deltas);
        foreach (var delta in deltas) JsonShape.AssertSame(expected[1].Json, delta, "usage");
        JsonShape.AssertSame(expected[^3].Json, chunks[^2], "usage");
        Assert.Equal("stop", chunks[^2]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        JsonShape.AssertSame(expected[^2].Json, chunks[^1],
            "usage.prompt_tokens_details", "usage.completion_tokens_details.audio_tokens",
            "usage.completion_tokens_details.accepted_prediction_tokens", "usage.completion_tokens_details.rejected_prediction_tokens");
        Assert.Empty(chunks[^1]["choices"]!.AsArray());

        // Every chunk but the usage chunk says "usage": null, as the API does with include_usage.
        Assert.All(chunks[..^1], c => Assert.True(c.AsObject().ContainsKey("usage") && c["usage"] is null));
        Assert.Equal(deltas.Count, chunks[^1]["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Streamed_text_equals_the_non_streamed_answer_and_its_usage()
    {
        const string prompt = "Explain the difference between a route and a deployment";
        var whole = await _http.SendForJsonAsync(OpenAI(OpenAIChat(prompt)));
        var (_, raw) = await _http.SendForTextAsync(OpenAI(OpenAIChat(prompt, stream: true)));
        var chunks = SseFrames.Parse(raw)[..^1].Select(f => f.Json).ToList();
        var streamed = string.Concat(chunks.Skip(1).Select(c => c["choices"]!.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>()));

        Assert.Equal(whole["choices"]![0]!["message"]!["content"]!.GetValue<string>(), streamed);
        Assert.Equal(whole["usage"]!.ToJsonString(), chunks[^1]["usage"]!.ToJsonString());
    }

    [Fact]
    public async Task Stream_without_include_usage_has_no_usage_chunk_or_field()
    {
        var body = """{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]}""";
        var (_, raw) = await _http.SendForTextAsync(OpenAI(body));
        var chunks = SseFrames.Parse(raw)[..^1].Select(f => f.Json.AsObject()).ToList();
        Assert.All(chunks, c => Assert.False(c.ContainsKey("usage")));
        Assert.Equal("stop", chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Streamed_tool_call_follows_the_fixture()
    {
        var request = Fixtures.Json("openai/chat-request-tools.json").AsObject();
        request["stream"] = true;
        request["stream_options"] = new JsonObject { ["include_usage"] = true };
        var (_, raw) = await _http.SendForTextAsync(OpenAI(request.ToJsonString()));

        var expected = SseFrames.Parse(Fixtures.Text("openai/chat-stream-tool-calls.sse"));
        var chunks = SseFrames.Parse(raw)[..^1].Select(f => f.Json).ToList();
        JsonShape.AssertSame(expected[0].Json, chunks[0], "usage");
        var firstCall = chunks[0]["choices"]![0]!["delta"]!["tool_calls"]![0]!;
        Assert.Equal("get_current_weather", firstCall["function"]!["name"]!.GetValue<string>());
        Assert.Equal("", firstCall["function"]!["arguments"]!.GetValue<string>());

        var fragments = chunks[1..^2];
        foreach (var fragment in fragments) JsonShape.AssertSame(expected[1].Json, fragment, "usage");
        var arguments = string.Concat(fragments.Select(c => c["choices"]![0]!["delta"]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>()));
        Assert.NotNull(JsonNode.Parse(arguments));
        Assert.Equal("tool_calls", chunks[^2]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        // A call counts the tokens of its name plus the JSON tokens of its arguments.
        var expectedTokens = Switchyard.Simulator.Generation.TokenCounter.Count("get_current_weather")
            + Switchyard.Simulator.Generation.JsonTokenCounter.Count(arguments);
        Assert.Equal(expectedTokens, chunks[^1]["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Json_schema_answers_validate_against_the_schema()
    {
        const string schema = """
            {"type":"object","properties":{"city":{"type":"string"},"temperature":{"type":"number","minimum":-50,"maximum":60},
             "unit":{"type":"string","enum":["celsius","fahrenheit"]},"tags":{"type":"array","items":{"type":"string"}},
             "observed":{"type":"string","format":"date"}},"required":["city","temperature","unit","tags","observed"],"additionalProperties":false}
            """;
        var extra = $$$""","response_format":{"type":"json_schema","json_schema":{"name":"weather","strict":true,"schema":{{{schema}}}}}""";
        var json = await _http.SendForJsonAsync(OpenAI(OpenAIChat("Weather in Paris as JSON", extra: extra)));

        var content = JsonNode.Parse(json["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Empty(MiniSchemaValidator.Validate(JsonNode.Parse(schema)!, content));
    }

    [Fact]
    public async Task Json_object_answers_are_a_json_object()
    {
        var json = await _http.SendForJsonAsync(OpenAI(OpenAIChat("Answer in JSON", extra: ""","response_format":{"type":"json_object"}""")));
        Assert.IsType<JsonObject>(JsonNode.Parse(json["choices"]![0]!["message"]!["content"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Max_tokens_cuts_the_answer_with_finish_reason_length()
    {
        var json = await _http.SendForJsonAsync(OpenAI(OpenAIChat("Write a long story about routers", extra: ""","max_completion_tokens":3""")));
        Assert.Equal("length", json["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(3, json["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Same_prompt_gives_the_same_answer_and_another_prompt_another()
    {
        static string Content(JsonNode json) => json["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        var first = Content(await _http.SendForJsonAsync(OpenAI(OpenAIChat("What is a gateway?"))));
        var again = Content(await _http.SendForJsonAsync(OpenAI(OpenAIChat("What is a gateway?"))));
        var other = Content(await _http.SendForJsonAsync(OpenAI(OpenAIChat("What is a router?"))));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Usage_counts_the_prompt_and_the_answer_with_the_simulator_tokenizer()
    {
        var json = await _http.SendForJsonAsync(OpenAI(OpenAIChat("Count these five words")));
        var usage = json["usage"]!;
        Assert.Equal(4, usage["prompt_tokens"]!.GetValue<int>());
        var content = json["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        Assert.Equal(Switchyard.Simulator.Generation.TokenCounter.Count(content), usage["completion_tokens"]!.GetValue<int>());
        Assert.Equal(usage["prompt_tokens"]!.GetValue<int>() + usage["completion_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_tool_result_is_reported_in_text()
    {
        const string body = """
            {"model":"gpt-4o","tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],
             "messages":[{"role":"user","content":"Weather in Paris?"},
               {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
               {"role":"tool","tool_call_id":"call_1","content":"18 degrees and sunny"}]}
            """;
        var json = await _http.SendForJsonAsync(OpenAI(body));
        var content = json["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        Assert.Contains("get_weather", content);
        Assert.Contains("18 degrees and sunny", content);
        Assert.Equal("stop", json["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"none\"", null)]
    [InlineData("\"required\"", "first_tool")]
    [InlineData("{\"type\":\"function\",\"function\":{\"name\":\"second_tool\"}}", "second_tool")]
    [InlineData("\"auto\"", null)]
    public async Task Tool_choice_decides_the_call(string toolChoice, string? expectedTool)
    {
        var body = """{"model":"gpt-4o","tool_choice":""" + toolChoice + """
            ,"messages":[{"role":"user","content":"Just chat with me"}],
             "tools":[{"type":"function","function":{"name":"first_tool","description":"Finds flights","parameters":{"type":"object","properties":{"to":{"type":"string"}},"required":["to"]}}},
                      {"type":"function","function":{"name":"second_tool","description":"Books hotels","parameters":{"type":"object"}}}]}
            """;
        var json = await _http.SendForJsonAsync(OpenAI(body));
        var name = json["choices"]![0]!["message"]!["tool_calls"]?[0]?["function"]?["name"]?.GetValue<string>();
        Assert.Equal(expectedTool, name);
    }

    [Fact]
    public async Task Stop_sequences_end_the_answer_before_them()
    {
        var probe = await _http.SendForJsonAsync(OpenAI(OpenAIChat("stop here please")));
        var text = probe["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        var json = await _http.SendForJsonAsync(OpenAI(OpenAIChat("stop here please", extra: ""","stop":["answer"]""")));
        Assert.Equal(text[..text.IndexOf("answer", StringComparison.Ordinal)], json["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", json["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_key_gets_401_in_the_openai_error_shape()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(OpenAIChat("hi")) };
        var (response, body) = await _http.SendForTextAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        JsonShape.AssertSame(Fixtures.Json("openai/error-400.json"), JsonNode.Parse(body)!, "error.param", "error.code");
        Assert.NotEmpty(response.Header("x-request-id"));
    }

    [Fact]
    public async Task Invalid_json_and_missing_messages_get_400()
    {
        var (bad, _) = await _http.SendForTextAsync(OpenAI("{not json"));
        var (empty, body) = await _http.SendForTextAsync(OpenAI("""{"model":"gpt-4o","messages":[]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("invalid_request_error", JsonNode.Parse(body)!["error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Prompt_over_the_context_window_gets_context_length_exceeded()
    {
        fixture.Simulator.Options.Models["tiny-context-openai"] = new SimulatedModelSettings { ContextWindow = 5 };
        var (response, body) = await _http.SendForTextAsync(OpenAI(OpenAIChat("this prompt is longer than five tokens for sure", model: "tiny-context-openai")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(body)!["error"]!;
        Assert.Equal("context_length_exceeded", error["code"]!.GetValue<string>());
        Assert.Contains("maximum context length is 5 tokens", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_answer_carries_a_request_id()
    {
        var (response, _) = await _http.SendForTextAsync(OpenAI(OpenAIChat("hello")));
        Assert.StartsWith("req_", response.Header("x-request-id"));
    }
}
