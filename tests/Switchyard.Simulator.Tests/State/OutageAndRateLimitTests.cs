using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Simulator.Hosting;
using Switchyard.Simulator.Options;
using Switchyard.Simulator.Tests.Support;
using static Switchyard.Simulator.Tests.Support.ProviderRequests;

namespace Switchyard.Simulator.Tests.State;

/// <summary>Outage windows and rate-limit budgets, on a clock the tests move by hand.</summary>
public class OutageAndRateLimitTests
{
    private static readonly DateTimeOffset Start = new(2026, 2, 25, 20, 0, 0, TimeSpan.Zero);

    private static async Task<(RunningSimulator Simulator, HttpClient Http, ManualTimeProvider Clock)> StartAsync(Action<SimulatorOptions> configure)
    {
        var clock = new ManualTimeProvider(Start);
        var options = new SimulatorOptions { TimeProvider = clock };
        configure(options);
        var simulator = await SimulatorHost.StartAsync(options, ct: HttpExtensions.Ct);
        return (simulator, new HttpClient { BaseAddress = simulator.BaseAddress }, clock);
    }

    [Fact]
    public async Task Relative_outage_window_answers_503_only_inside_the_window()
    {
        var (simulator, http, clock) = await StartAsync(o => o.Models["flaky"] = new() { Outages = [OutageWindow.Relative(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20))] });
        await using var _ = simulator;
        using var __ = http;

        Assert.Equal(HttpStatusCode.OK, (await http.SendForTextAsync(OpenAI(OpenAIChat("hi", model: "flaky")))).Response.StatusCode);
        clock.Advance(TimeSpan.FromSeconds(12));
        var (during, body) = await http.SendForTextAsync(OpenAI(OpenAIChat("hi", model: "flaky")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(8), during.Headers.RetryAfter!.Delta);
        Assert.Equal("server_error", JsonNode.Parse(body)!["error"]!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await http.SendForTextAsync(OpenAI(OpenAIChat("hi", model: "other")))).Response.StatusCode);
        clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(HttpStatusCode.OK, (await http.SendForTextAsync(OpenAI(OpenAIChat("hi", model: "flaky")))).Response.StatusCode);
    }

    [Fact]
    public async Task Absolute_outage_window_applies_to_every_provider()
    {
        var (simulator, http, clock) = await StartAsync(o => o.Default = new() { Outages = [OutageWindow.Absolute(Start.AddMinutes(1), Start.AddMinutes(2))] });
        await using var _ = simulator;
        using var __ = http;
        clock.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.SendForTextAsync(Anthropic(AnthropicMessage("hi")))).Response.StatusCode);
        var (gemini, body) = await http.SendForTextAsync(Gemini("gemini-2.0-flash", GeminiContents("hi")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gemini.StatusCode);
        Assert.Equal("UNAVAILABLE", JsonNode.Parse(body)!["error"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_budget_sets_openai_headers_and_refuses_over_the_budget()
    {
        var (simulator, http, clock) = await StartAsync(o => o.Models["limited"] = new() { RequestsPerMinute = 2, TokensPerMinute = 100_000 });
        await using var _ = simulator;
        using var __ = http;

        var (first, _) = await http.SendForTextAsync(OpenAI(OpenAIChat("hi", model: "limited")));
        Assert.Equal("2", first.Header("x-ratelimit-limit-requests"));
        Assert.Equal("1", first.Header("x-ratelimit-remaining-requests"));
        Assert.Equal("1m0s", first.Header("x-ratelimit-reset-requests"));
        Assert.Equal("100000", first.Header("x-ratelimit-limit-tokens"));
        Assert.True(int.Parse(first.Header("x-ratelimit-remaining-tokens"), CultureInfo.InvariantCulture) < 100_000);

        clock.Advance(TimeSpan.FromSeconds(15));
        var (second, _) = await http.SendForTextAsync(OpenAI(OpenAIChat("hi", model: "limited")));
        Assert.Equal("0", second.Header("x-ratelimit-remaining-requests"));
        var (third, body) = await http.SendForTextAsync(OpenAI(OpenAIChat("hi", model: "limited")));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(45), third.Headers.RetryAfter!.Delta); // when the first request leaves the window
        Assert.Equal("requests", JsonNode.Parse(body)!["error"]!["type"]!.GetValue<string>());

        clock.Advance(TimeSpan.FromSeconds(46));
        Assert.Equal(HttpStatusCode.OK, (await http.SendForTextAsync(OpenAI(OpenAIChat("hi", model: "limited")))).Response.StatusCode);
    }

    [Fact]
    public async Task Token_budget_sets_anthropic_headers_and_refuses_over_the_budget()
    {
        var (simulator, http, _) = await StartAsync(o => o.Default = new() { TokensPerMinute = 60 });
        await using var __ = simulator;
        using var ___ = http;

        var (first, body) = await http.SendForTextAsync(Anthropic(AnthropicMessage("hi", maxTokens: 20)));
        var usage = JsonNode.Parse(body)!["usage"]!;
        var used = usage["input_tokens"]!.GetValue<int>() + usage["output_tokens"]!.GetValue<int>();
        Assert.Equal("60", first.Header("anthropic-ratelimit-tokens-limit"));
        Assert.Equal((60 - used).ToString(CultureInfo.InvariantCulture), first.Header("anthropic-ratelimit-tokens-remaining"));
        Assert.Equal("60", first.Header("anthropic-ratelimit-input-tokens-limit"));
        Assert.Equal("60", first.Header("anthropic-ratelimit-output-tokens-limit"));
        Assert.Equal("2026-02-25T20:01:00Z", first.Header("anthropic-ratelimit-tokens-reset"));
        Assert.Equal("", first.Header("anthropic-ratelimit-requests-limit")); // no request budget configured

        HttpResponseMessage last;
        var attempts = 0;
        do
        {
            (last, body) = await http.SendForTextAsync(Anthropic(AnthropicMessage("hi", maxTokens: 20)));
        }
        while (last.IsSuccessStatusCode && ++attempts < 10);
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal("rate_limit_error", JsonNode.Parse(body)!["error"]!["type"]!.GetValue<string>());
        Assert.NotNull(last.Headers.RetryAfter);
    }

    [Fact]
    public async Task Models_without_a_budget_get_no_rate_limit_headers()
    {
        var (simulator, http, _) = await StartAsync(_ => { });
        await using var __ = simulator;
        using var ___ = http;
        var (response, _) = await http.SendForTextAsync(OpenAI(OpenAIChat("hi")));
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("x-ratelimit", StringComparison.Ordinal));
    }
}
