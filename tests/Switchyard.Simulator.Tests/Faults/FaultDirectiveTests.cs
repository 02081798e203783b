using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Simulator.Tests.Support;
using static Switchyard.Simulator.Tests.Support.HttpExtensions;
using static Switchyard.Simulator.Tests.Support.ProviderRequests;

namespace Switchyard.Simulator.Tests.Faults;

public class FaultDirectiveTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private readonly HttpClient _http = fixture.Http;

    [Theory]
    [InlineData(500, "server_error")]
    [InlineData(503, "server_error")]
    [InlineData(400, "invalid_request_error")]
    public async Task Error_directive_answers_with_that_status(int status, string type)
    {
        var (response, body) = await _http.SendForTextAsync(OpenAI(OpenAIChat($"hi [sim:error={status}]")));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(type, JsonNode.Parse(body)!["error"]!["type"]!.GetValue<string>());
        Assert.Equal(status == 503 ? "1" : "", response.Headers.RetryAfter?.ToString() ?? "");
    }

    [Fact]
    public async Task Error_429_carries_the_requested_retry_after()
    {
        var (response, body) = await _http.SendForTextAsync(OpenAI(OpenAIChat("hi [sim:error=429,retry_after=2]")));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter!.Delta);
        JsonShape.AssertSame(Fixtures.Json("openai/error-429.json"), JsonNode.Parse(body)!);
        Assert.Equal("rate_limit_exceeded", JsonNode.Parse(body)!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Hang_sends_nothing_until_the_client_gives_up()
    {
        using var impatient = new HttpClient { BaseAddress = fixture.Simulator.BaseAddress, Timeout = TimeSpan.FromMilliseconds(300) };
        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.SendAsync(OpenAI(OpenAIChat("hi [sim:hang]")), Ct));
    }

    [Fact]
    public async Task Reset_aborts_the_connection()
    {
        await Assert.ThrowsAsync<HttpRequestException>(() => _http.SendAsync(OpenAI(OpenAIChat("hi [sim:reset]")), Ct));
    }

    [Fact]
    public async Task Cut_after_aborts_a_stream_after_that_many_content_chunks()
    {
        var (frames, failure) = await ReadStreamAsync(OpenAI(OpenAIChat("tell me a story [sim:cut_after=2]", stream: true)));
        Assert.NotNull(failure);
        var contentChunks = frames.Where(f => f.Data != "[DONE]" && f.Json["choices"]!.AsArray().FirstOrDefault()?["delta"]?["content"] is { } c && c.GetValue<string>().Length > 0);
        Assert.Equal(2, contentChunks.Count());
        Assert.DoesNotContain(frames, f => f.Data == "[DONE]");
    }

    [Fact]
    public async Task Cut_after_aborts_a_non_streaming_body_midway()
    {
        var response = await _http.SendAsync(OpenAI(OpenAIChat("hi [sim:cut_after=0]")), HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Malformed_gives_a_200_that_is_not_json()
    {
        var (response, body) = await _http.SendForTextAsync(OpenAI(OpenAIChat("hi [sim:malformed]")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Malformed_in_a_stream_sends_one_frame_that_is_not_json()
    {
        var (_, raw) = await _http.SendForTextAsync(OpenAI(OpenAIChat("hi [sim:malformed]", stream: true)));
        var frames = SseFrames.Parse(raw);
        var broken = frames.Where(f => f.Data != "[DONE]" && !IsJson(f.Data)).ToList();
        Assert.Single(broken);
        Assert.Equal("[DONE]", frames[^1].Data);
    }

    [Fact]
    public async Task Error_after_sends_the_provider_in_stream_error()
    {
        var (_, openAi) = await _http.SendForTextAsync(OpenAI(OpenAIChat("story [sim:error_after=1]", stream: true)));
        var openAiFrames = SseFrames.Parse(openAi);
        Assert.Equal("server_error", openAiFrames[^1].Json["error"]!["type"]!.GetValue<string>());
        Assert.DoesNotContain(openAiFrames, f => f.Data == "[DONE]");

        var (_, anthropic) = await _http.SendForTextAsync(Anthropic(AnthropicMessage("story [sim:error_after=1,error=529]", stream: true)));
        var last = SseFrames.Parse(anthropic)[^1];
        Assert.Equal("error", last.Event);
        JsonShape.AssertSame(Fixtures.Json("anthropic/overloaded-529.json"), last.Json);

        var (_, gemini) = await _http.SendForTextAsync(Gemini("gemini-2.0-flash", GeminiContents("story [sim:error_after=1,error=503]"), stream: true));
        Assert.Equal("UNAVAILABLE", SseFrames.Parse(gemini)[^1].Json["error"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ttft_delays_the_answer()
    {
        var clock = Stopwatch.StartNew();
        var (response, _) = await _http.SendForTextAsync(OpenAI(OpenAIChat("hi [sim:ttft_ms=300]")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(clock.ElapsedMilliseconds, 280, 5000);
    }

    [Fact]
    public async Task Tps_paces_the_stream()
    {
        var clock = Stopwatch.StartNew();
        var (_, raw) = await _http.SendForTextAsync(OpenAI(OpenAIChat("long story [sim:tps=40]", stream: true, extra: ""","max_tokens":9""")));
        // Nine tokens at 40/s: the ninth is due 8/40 s = 200 ms after the first.
        Assert.InRange(clock.ElapsedMilliseconds, 180, 5000);
        Assert.Equal("length", SseFrames.Parse(raw)[^3].Json["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Directives_do_not_change_the_words_of_the_answer()
    {
        var plain = await _http.SendForJsonAsync(OpenAI(OpenAIChat("same words")));
        var directed = await _http.SendForJsonAsync(OpenAI(OpenAIChat("same words [sim:ttft_ms=1]")));
        Assert.Equal(plain["choices"]![0]!["message"]!["content"]!.ToJsonString(), directed["choices"]![0]!["message"]!["content"]!.ToJsonString());
    }

    private async Task<(List<SseFrame> Frames, Exception? Failure)> ReadStreamAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var text = new System.Text.StringBuilder();
        try
        {
            while (await reader.ReadLineAsync(Ct) is { } line) text.Append(line).Append('\n');
            return (SseFrames.Parse(text.ToString()), null);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return (SseFrames.Parse(text.ToString()), e);
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            JsonDocument.Parse(text).Dispose();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
