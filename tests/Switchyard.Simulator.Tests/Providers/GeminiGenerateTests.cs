using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Simulator.Options;
using Switchyard.Simulator.Tests.Support;
using static Switchyard.Simulator.Tests.Support.ProviderRequests;

namespace Switchyard.Simulator.Tests.Providers;

public class GeminiGenerateTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task Plain_answer_has_the_shape_of_the_fixture()
    {
        var json = await _http.SendForJsonAsync(Gemini("gemini-2.5-flash", GeminiContents("Say hello")));
        // turnToken is undocumented and thoughtsTokenCount belongs to thinking, which is not simulated.
        JsonShape.AssertSame(Fixtures.Json("gemini/generate-response.json"), json,
            "turnToken", "usageMetadata.thoughtsTokenCount", "usageMetadata.candidatesTokensDetails");
        Assert.Equal("STOP", json["candidates"]![0]!["finishReason"]!.GetValue<string>());
        Assert.Equal("model", json["candidates"]![0]!["content"]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fixture_tool_request_gets_a_function_call_shaped_like_the_fixture()
    {
        var json = await _http.SendForJsonAsync(Gemini("gemini-2.0-flash", Fixtures.Text("gemini/generate-request-tools.json")));
        JsonShape.AssertSame(Fixtures.Json("gemini/generate-response-function-call.json"), json, "candidates[].avgLogprobs", "candidates[].index");
        var call = json["candidates"]![0]!["content"]!["parts"]![0]!["functionCall"]!;
        Assert.Equal("customDivide", call["name"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Number, call["args"]!["numerator"]!.GetValueKind());
        var usage = json["usageMetadata"]!;
        Assert.Equal(usage["promptTokenCount"]!.GetValue<int>() + usage["candidatesTokenCount"]!.GetValue<int>(), usage["totalTokenCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Stream_uses_crlf_data_frames_shaped_like_the_fixture()
    {
        var (response, raw) = await _http.SendForTextAsync(Gemini("gemini-2.0-flash", GeminiContents("Why is the sky blue?"), stream: true));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var blocks = raw.Split("\r\n\r\n");
        Assert.Equal("", blocks[^1]); // ends with a frame terminator
        Assert.All(blocks[..^1], b => Assert.StartsWith("data: {", b));
        Assert.DoesNotContain("\n", string.Concat(blocks[..^1]));

        var expected = SseFrames.Parse(Fixtures.Text("gemini/stream-alt-sse.sse"));
        var chunks = SseFrames.Parse(raw).Select(f => f.Json).ToList();
        Assert.True(chunks.Count > 1);
        foreach (var chunk in chunks[..^1]) JsonShape.AssertSame(expected[0].Json, chunk);
        JsonShape.AssertSame(expected[^1].Json, chunks[^1]);
        Assert.Equal("STOP", chunks[^1]["candidates"]![0]!["finishReason"]!.GetValue<string>());
        Assert.Equal(chunks.Count, chunks[^1]["usageMetadata"]!["candidatesTokenCount"]!.GetValue<int>());

        var whole = await _http.SendForJsonAsync(Gemini("gemini-2.0-flash", GeminiContents("Why is the sky blue?")));
        var text = string.Concat(chunks.Select(c => c["candidates"]![0]!["content"]!["parts"]![0]!["text"]!.GetValue<string>()));
        Assert.Equal(whole["candidates"]![0]!["content"]!["parts"]![0]!["text"]!.GetValue<string>(), text);
    }

    [Fact]
    public async Task Stream_without_alt_sse_is_a_json_array_of_chunks()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1beta/models/gemini-2.0-flash:streamGenerateContent?key=k") { Content = Json(GeminiContents("hello")) };
        var (_, body) = await _http.SendForTextAsync(request);
        var array = JsonNode.Parse(body)!.AsArray();
        Assert.Equal("STOP", array[^1]!["candidates"]![0]!["finishReason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("responseSchema", """{"type":"OBJECT","properties":{"name":{"type":"STRING"},"ingredients":{"type":"ARRAY","items":{"type":"STRING"}},"minutes":{"type":"INTEGER","minimum":1,"maximum":90}},"required":["name","ingredients","minutes"]}""")]
    [InlineData("responseJsonSchema", """{"type":"object","properties":{"when":{"type":"string","format":"date-time"},"ok":{"type":"boolean"}},"required":["when","ok"],"additionalProperties":false}""")]
    public async Task Json_responses_validate_against_the_schema(string field, string schema)
    {
        var extra = $$""","generationConfig":{"responseMimeType":"application/json","{{field}}":{{schema}}}""";
        var json = await _http.SendForJsonAsync(Gemini("gemini-2.5-flash", GeminiContents("A recipe as JSON", extra)));
        var value = JsonNode.Parse(json["candidates"]![0]!["content"]!["parts"]![0]!["text"]!.GetValue<string>());
        Assert.Empty(MiniSchemaValidator.Validate(JsonNode.Parse(schema)!, value));
    }

    [Fact]
    public async Task Missing_key_gets_403_permission_denied_in_the_google_shape()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1beta/models/gemini-2.0-flash:generateContent") { Content = Json(GeminiContents("hi")) };
        var (response, body) = await _http.SendForTextAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var json = JsonNode.Parse(body)!;
        JsonShape.AssertSame(Fixtures.Json("gemini/error.json"), json, "error.details");
        Assert.Equal("PERMISSION_DENIED", json["error"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Key_in_the_query_string_is_accepted()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1beta/models/gemini-2.0-flash:generateContent?key=abc") { Content = Json(GeminiContents("hi")) };
        var (response, _) = await _http.SendForTextAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Max_output_tokens_gives_finish_reason_max_tokens()
    {
        var json = await _http.SendForJsonAsync(Gemini("gemini-2.0-flash", GeminiContents("Write an essay", ""","generationConfig":{"maxOutputTokens":4}""")));
        Assert.Equal("MAX_TOKENS", json["candidates"]![0]!["finishReason"]!.GetValue<string>());
        Assert.Equal(4, json["usageMetadata"]!["candidatesTokenCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Prompt_over_the_context_window_gets_invalid_argument()
    {
        fixture.Simulator.Options.Models["tiny-context-gemini"] = new SimulatedModelSettings { ContextWindow = 2 };
        var (response, body) = await _http.SendForTextAsync(Gemini("tiny-context-gemini", GeminiContents("more than two tokens")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(body)!["error"]!;
        Assert.Equal("INVALID_ARGUMENT", error["status"]!.GetValue<string>());
        Assert.Contains("exceeds the maximum number of tokens allowed (2)", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_function_response_is_reported_in_text()
    {
        const string body = """
            {"contents":[{"role":"user","parts":[{"text":"what is 50/2?"}]},
              {"role":"model","parts":[{"functionCall":{"name":"customDivide","args":{"numerator":50,"denominator":2}}}]},
              {"role":"user","parts":[{"functionResponse":{"name":"customDivide","response":{"result":25}}}]}],
             "tools":[{"functionDeclarations":[{"name":"customDivide","description":"Custom divide function","parameters":{"type":"OBJECT"}}]}]}
            """;
        var json = await _http.SendForJsonAsync(Gemini("gemini-2.0-flash", body));
        var text = json["candidates"]![0]!["content"]!["parts"]![0]!["text"]!.GetValue<string>();
        Assert.Contains("customDivide", text);
        Assert.Contains("25", text);
    }

    [Fact]
    public async Task Function_calling_mode_none_answers_in_text_and_candidate_count_gives_candidates()
    {
        var request = Fixtures.Json("gemini/generate-request-tools.json").AsObject();
        request["toolConfig"] = JsonNode.Parse("""{"functionCallingConfig":{"mode":"NONE"}}""");
        request["generationConfig"]!["candidateCount"] = 2;
        var json = await _http.SendForJsonAsync(Gemini("gemini-2.0-flash", request.ToJsonString()));
        var candidates = json["candidates"]!.AsArray();
        Assert.Equal(2, candidates.Count);
        Assert.All(candidates, c => Assert.NotNull(c!["content"]!["parts"]![0]!["text"]));
        Assert.Equal(1, candidates[1]!["index"]!.GetValue<int>());
    }
}
