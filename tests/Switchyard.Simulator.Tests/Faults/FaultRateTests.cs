using System.Net;
using System.Text.Json;
using Switchyard.Simulator.Options;
using Switchyard.Simulator.Tests.Support;
using static Switchyard.Simulator.Tests.Support.HttpExtensions;
using static Switchyard.Simulator.Tests.Support.ProviderRequests;

namespace Switchyard.Simulator.Tests.Faults;

public sealed class FaultRateFixture : SimulatorFixture
{
    protected override SimulatorOptions CreateOptions()
    {
        var options = new SimulatorOptions { Random = new Random(1234) };
        options.Models["always-500"] = new() { Faults = new() { Http500 = 1 } };
        options.Models["always-503"] = new() { Faults = new() { Http503 = 1 }, RetryAfterSeconds = 4 };
        options.Models["always-429"] = new() { Faults = new() { Http429 = 1 }, RetryAfterSeconds = 3 };
        options.Models["always-hang"] = new() { Faults = new() { Hang = 1 } };
        options.Models["always-reset"] = new() { Faults = new() { ConnectionReset = 1 } };
        options.Models["always-cut"] = new() { Faults = new() { StreamCut = 1 } };
        options.Models["always-malformed"] = new() { Faults = new() { MalformedBody = 1 } };
        options.Models["half-500"] = new() { Faults = new() { Http500 = 0.5 } };
        return options;
    }
}

public class FaultRateTests(FaultRateFixture fixture) : IClassFixture<FaultRateFixture>
{
    private readonly HttpClient _http = fixture.Http;

    [Theory]
    [InlineData("always-500", 500, null)]
    [InlineData("always-503", 503, 4)]
    [InlineData("always-429", 429, 3)]
    public async Task Error_rates_answer_with_their_status(string model, int status, int? retryAfter)
    {
        var (response, _) = await _http.SendForTextAsync(Anthropic(AnthropicMessage("hi", model: model)));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(retryAfter, (int?)response.Headers.RetryAfter?.Delta?.TotalSeconds);
    }

    [Fact]
    public async Task Hang_rate_hangs()
    {
        using var impatient = new HttpClient { BaseAddress = fixture.Simulator.BaseAddress, Timeout = TimeSpan.FromMilliseconds(250) };
        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.SendAsync(OpenAI(OpenAIChat("hi", model: "always-hang")), Ct));
    }

    [Fact]
    public async Task Reset_rate_aborts_the_connection() =>
        await Assert.ThrowsAsync<HttpRequestException>(() => _http.SendAsync(Gemini("always-reset", GeminiContents("hi")), Ct));

    [Fact]
    public async Task Stream_cut_rate_aborts_after_the_first_content_chunk()
    {
        var response = await _http.SendAsync(OpenAI(OpenAIChat("story", model: "always-cut", stream: true)), HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var contentChunks = 0;
        var failed = false;
        try
        {
            while (await reader.ReadLineAsync(Ct) is { } line)
            {
                if (line.Contains("\"content\":\"", StringComparison.Ordinal) && !line.Contains("\"content\":\"\"", StringComparison.Ordinal)) contentChunks++;
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            failed = true;
        }
        Assert.True(failed);
        Assert.Equal(1, contentChunks);
    }

    [Fact]
    public async Task Malformed_rate_sends_invalid_json()
    {
        var (response, body) = await _http.SendForTextAsync(OpenAI(OpenAIChat("hi", model: "always-malformed")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task A_rate_of_one_half_fails_about_half_of_the_requests()
    {
        var failures = 0;
        for (var i = 0; i < 200; i++)
        {
            var (response, _) = await _http.SendForTextAsync(OpenAI(OpenAIChat("hi", model: "half-500")));
            if (response.StatusCode == HttpStatusCode.InternalServerError) failures++;
        }
        Assert.InRange(failures, 70, 130);
    }
}
