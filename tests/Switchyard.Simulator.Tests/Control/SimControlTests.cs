using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Simulator.Tests.Support;
using static Switchyard.Simulator.Tests.Support.HttpExtensions;
using static Switchyard.Simulator.Tests.Support.ProviderRequests;

namespace Switchyard.Simulator.Tests.Control;

public class SimControlTests
{
    [Fact]
    public async Task Settings_can_be_read_replaced_and_reset_at_runtime()
    {
        await using var fixture = new SimulatorFixture();
        await fixture.InitializeAsync();
        var http = fixture.Http;

        var initial = JsonNode.Parse(await http.GetStringAsync("/_sim/models/gpt-4o", Ct))!;
        Assert.Equal(128000, initial["contextWindow"]!.GetValue<int>());

        var put = await http.PutAsync("/_sim/models/gpt-4o", Json("""{"faults":{"http500":1},"retryAfterSeconds":2}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(1.0, JsonNode.Parse(await http.GetStringAsync("/_sim/models/gpt-4o", Ct))!["faults"]!["http500"]!.GetValue<double>());
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.SendForTextAsync(OpenAI(OpenAIChat("hi")))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendForTextAsync(OpenAI(OpenAIChat("hi", model: "gpt-4o-mini")))).Response.StatusCode);

        var stats = JsonNode.Parse(await http.GetStringAsync("/_sim/stats", Ct))!;
        Assert.Equal(1, stats["models"]!["gpt-4o"]!["chat.completions"]!["http_500"]!.GetValue<long>());
        Assert.Equal(1, stats["models"]!["gpt-4o-mini"]!["chat.completions"]!["ok"]!.GetValue<long>());

        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync("/_sim/reset", null, Ct)).StatusCode);
        Assert.Empty(JsonNode.Parse(await http.GetStringAsync("/_sim/stats", Ct))!["models"]!.AsObject());
        Assert.Equal(HttpStatusCode.OK, (await http.SendForTextAsync(OpenAI(OpenAIChat("hi")))).Response.StatusCode);
    }

    [Fact]
    public async Task Default_settings_can_be_replaced_and_bad_settings_are_refused()
    {
        await using var fixture = new SimulatorFixture();
        await fixture.InitializeAsync();
        var http = fixture.Http;

        await http.PutAsync("/_sim/default", Json("""{"contextWindow":1}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendForTextAsync(Anthropic(AnthropicMessage("two words")))).Response.StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await http.PutAsync("/_sim/models/x", Json("""{"faults":{"http500":2}}"""), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PutAsync("/_sim/models/x", Json("{oops"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/_sim/models/x", Ct)).StatusCode);
    }

    [Fact]
    public async Task Stats_count_outcomes_per_endpoint_and_control_paths_need_no_provider_key()
    {
        await using var fixture = new SimulatorFixture();
        await fixture.InitializeAsync();
        var http = fixture.Http;

        await http.SendForTextAsync(OpenAI(OpenAIChat("a", stream: true)));
        await http.SendForTextAsync(OpenAI(OpenAIChat("b [sim:error=503]")));
        await http.SendForTextAsync(Gemini("gemini-2.0-flash", GeminiContents("c"), stream: true));
        await http.SendForTextAsync(OpenAI("""{"model":"text-embedding-3-small","input":"d"}""", "/v1/embeddings"));

        var stats = JsonNode.Parse(await http.GetStringAsync("/_sim/stats", Ct))!["models"]!;
        Assert.Equal(1, stats["gpt-4o"]!["chat.completions"]!["ok"]!.GetValue<long>());
        Assert.Equal(1, stats["gpt-4o"]!["chat.completions"]!["http_503"]!.GetValue<long>());
        Assert.Equal(1, stats["gemini-2.0-flash"]!["streamGenerateContent"]!["ok"]!.GetValue<long>());
        Assert.Equal(1, stats["text-embedding-3-small"]!["embeddings"]!["ok"]!.GetValue<long>());
    }

    [Fact]
    public async Task Known_models_only_gives_each_provider_its_404()
    {
        await using var fixture = new SimulatorFixture();
        await fixture.InitializeAsync();
        fixture.Simulator.Options.KnownModelsOnly = true;
        var http = fixture.Http;

        var (openAi, openAiBody) = await http.SendForTextAsync(OpenAI(OpenAIChat("hi", model: "no-such-model")));
        Assert.Equal(HttpStatusCode.NotFound, openAi.StatusCode);
        Assert.Equal("model_not_found", JsonNode.Parse(openAiBody)!["error"]!["code"]!.GetValue<string>());
        var (anthropic, anthropicBody) = await http.SendForTextAsync(Anthropic(AnthropicMessage("hi", model: "no-such-model")));
        Assert.Equal("not_found_error", JsonNode.Parse(anthropicBody)!["error"]!["type"]!.GetValue<string>());
        var (gemini, geminiBody) = await http.SendForTextAsync(Gemini("no-such-model", GeminiContents("hi")));
        Assert.Equal("NOT_FOUND", JsonNode.Parse(geminiBody)!["error"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, anthropic.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gemini.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendForTextAsync(OpenAI(OpenAIChat("hi", model: "gpt-4o")))).Response.StatusCode);
    }
}
