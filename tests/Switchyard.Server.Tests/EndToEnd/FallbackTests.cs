using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI.Chat;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.EndToEnd;

/// <summary>When a deployment fails, the next one of the route answers, across wire formats, streaming or not.</summary>
public class FallbackTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_failing_provider_falls_back_to_the_next_and_the_headers_say_so()
    {
        var result = await fixture.OpenAI().GetChatClient("down-then-gemini").CompleteChatAsync(
            [new UserChatMessage("hello")], cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrWhiteSpace(result.Value.Content[0].Text));
        Assert.Equal(GatewayFixture.GeminiModel, ResponseHeaders.Get(result, "x-switchyard-model"));
        Assert.Equal("sim-gemini", ResponseHeaders.Get(result, "x-switchyard-provider"));
        Assert.Equal("down-then-gemini", ResponseHeaders.Get(result, "x-switchyard-route"));
        Assert.Equal("2", ResponseHeaders.Get(result, "x-switchyard-attempts"));

        // The saving: the same tokens priced at the route's most expensive model (claude-down, $3 / $15 per 1M).
        var usage = result.Value.Usage;
        var baseline = (usage.InputTokenCount * 3.00m + usage.OutputTokenCount * 15.00m) / 1_000_000m;
        var cost = (usage.InputTokenCount * 0.30m + usage.OutputTokenCount * 2.50m) / 1_000_000m;
        Assert.Equal(baseline, decimal.Parse(ResponseHeaders.Get(result, "x-switchyard-baseline-cost-usd")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(cost, decimal.Parse(ResponseHeaders.Get(result, "x-switchyard-cost-usd")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_stream_falls_back_before_its_first_byte()
    {
        var text = new StringBuilder();
        await foreach (var update in fixture.OpenAI().GetChatClient("down-then-gemini").CompleteChatStreamingAsync(
            [new UserChatMessage("hello")], cancellationToken: TestContext.Current.CancellationToken))
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
        Assert.False(string.IsNullOrWhiteSpace(text.ToString()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task When_every_attempt_fails_upstream_the_client_gets_a_502_naming_each(bool stream)
    {
        var body = $$"""{"model":"all-down","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""";
        using var response = await fixture.Http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("1", ResponseHeaders.Get(response, "x-switchyard-attempts")); // the fixture turns retries off
        Assert.Equal("all-down", ResponseHeaders.Get(response, "x-switchyard-route"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var message = doc.RootElement.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains($"sim-anthropic/{GatewayFixture.DownUpstream}", message);
        Assert.Contains("503", message);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_stream_cancels_the_upstream_call()
    {
        var ct = TestContext.Current.CancellationToken;
        var body = """{"model":"disconnect-probe","stream":true,"messages":[{"role":"user","content":"Write a very long essay about rivers, bridges and the towns between them. [sim:tps=20]"}]}""";
        // No response draining: disposing the response must close the connection, as a client that quits does.
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = fixture.Gateway.BaseAddress };
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") })
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct))
        {
            var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[64];
            Assert.True(await stream.ReadAsync(buffer, ct) > 0);
        } // disposing the response closes the connection mid-stream

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            using var stats = JsonDocument.Parse(await fixture.SimulatorHttp.GetStringAsync("/_sim/stats", ct));
            if (stats.RootElement.ToString().Contains("client_closed") && stats.RootElement.ToString().Contains(GatewayFixture.DisconnectUpstream)
                && ClientClosedCount(stats.RootElement) > 0)
                return;
            await Task.Delay(100, ct);
        }
        Assert.Fail("the simulator never saw the gateway close the upstream stream: " + await fixture.SimulatorHttp.GetStringAsync("/_sim/stats", ct));
    }

    private static long ClientClosedCount(JsonElement stats)
    {
        // Walk the stats object to the probe model's outcomes, wherever the simulator nests them.
        foreach (var property in Flatten(stats))
            if (property.Path.Contains(GatewayFixture.DisconnectUpstream) && property.Path.EndsWith("client_closed") && property.Value.ValueKind == JsonValueKind.Number)
                return property.Value.GetInt64();
        return 0;
    }

    private static IEnumerable<(string Path, JsonElement Value)> Flatten(JsonElement element, string path = "")
    {
        if (element.ValueKind != JsonValueKind.Object) { yield return (path, element); yield break; }
        foreach (var p in element.EnumerateObject())
            foreach (var inner in Flatten(p.Value, path + "/" + p.Name))
                yield return inner;
    }
}
