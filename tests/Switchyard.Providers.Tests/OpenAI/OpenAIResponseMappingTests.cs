using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Tests.Support;
using static Switchyard.Providers.Tests.OpenAI.OpenAITestCalls;

namespace Switchyard.Providers.Tests.OpenAI;

public sealed class OpenAIResponseMappingTests
{
    [Fact]
    public async Task A_text_answer_reads_into_the_canonical_completion()
    {
        var completion = await CompleteAsync(StubHttpHandler.Json("openai/chat-response.json"));

        Assert.Equal("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", completion.Id);
        Assert.Equal("chat.completion", completion.Object);
        Assert.Equal(1741569952, completion.Created);
        Assert.Equal("gpt-5.4", completion.Model);
        Assert.Equal("default", completion.ServiceTier);
        Assert.Null(completion.SystemFingerprint);
        var choice = Assert.Single(completion.Choices);
        Assert.Equal(0, choice.Index);
        Assert.Equal("assistant", choice.Message.Role);
        Assert.Equal("Hello! How can I assist you today?", choice.Message.Content!.Text);
        Assert.Null(choice.Message.Refusal);
        Assert.Null(choice.Message.ToolCalls);
        Assert.Equal("stop", choice.FinishReason);
        var usage = completion.Usage!;
        Assert.Equal((19, 10, 29), (usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens));
        Assert.Equal(0, usage.PromptTokensDetails!.CachedTokens);
        Assert.Equal(0, usage.PromptTokensDetails.AudioTokens);
        Assert.Equal(0, usage.CompletionTokensDetails!.ReasoningTokens);
        Assert.Equal(0, usage.CompletionTokensDetails.RejectedPredictionTokens);
    }

    [Theory]
    [InlineData("openai/chat-response.json")]
    [InlineData("openai/chat-response-tool-calls.json")]
    public async Task The_recorded_body_is_kept_byte_for_byte_to_be_passed_on(string fixture)
    {
        var completion = await CompleteAsync(StubHttpHandler.Json(fixture));

        // Still held (a mapper that had handed the buffer back would have disposed it: Span would throw).
        Assert.Equal(FixtureFiles.Bytes(fixture), completion.UpstreamJson!.Span.ToArray());
    }

    [Fact]
    public async Task A_tool_call_answer_reads_into_tool_calls_with_the_arguments_text_unchanged()
    {
        var completion = await CompleteAsync(StubHttpHandler.Json("openai/chat-response-tool-calls.json"));

        Assert.Equal("chatcmpl-abc123", completion.Id);
        Assert.Equal("gpt-4o-mini", completion.Model);
        var choice = Assert.Single(completion.Choices);
        Assert.Null(choice.Message.Content);
        var call = Assert.Single(choice.Message.ToolCalls!);
        Assert.Equal("call_abc123", call.Id);
        Assert.Equal("function", call.Type);
        Assert.Null(call.Index);
        Assert.Equal("get_current_weather", call.Function!.Name);
        Assert.Equal("{\n\"location\": \"Boston, MA\"\n}", call.Function.Arguments);
        Assert.Equal("tool_calls", choice.FinishReason);
        Assert.Equal((82, 17, 99), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.TotalTokens));
        Assert.Null(completion.Usage.PromptTokensDetails);
    }

    [Theory]
    [InlineData("openai/chat-response.json")]
    [InlineData("openai/chat-response-tool-calls.json")]
    public async Task Nothing_is_lost_when_the_canonical_completion_is_written_back(string fixture)
    {
        var completion = await CompleteAsync(StubHttpHandler.Json(fixture));

        var written = JsonSerializer.SerializeToNode(completion, ChatJsonContext.Default.ChatCompletion);

        AssertJsonEqualIgnoringNulls(JsonNode.Parse(FixtureFiles.Text(fixture)), written);
    }

    [Fact]
    public async Task The_embeddings_answer_reads_into_the_canonical_response()
    {
        var stub = StubHttpHandler.Json("openai/embeddings-response.json");
        var call = new UpstreamEmbeddingCall(Endpoint(), "text-embedding-3-small",
            new EmbeddingRequest { Model = "embed", Input = JsonSerializer.SerializeToElement("The food was delicious") });

        var response = await Adapter(stub).EmbedAsync(call, TestContext.Current.CancellationToken);

        Assert.Equal("list", response.Object);
        Assert.Equal("text-embedding-ada-002", response.Model);
        var item = Assert.Single(response.Data);
        Assert.Equal("embedding", item.Object);
        Assert.Equal(0, item.Index);
        Assert.Equal([0.0023064255, -0.009327292, -0.0028842222], item.Embedding.EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal((8, 8), (response.Usage!.PromptTokens, response.Usage.TotalTokens));
        AssertJsonEqual(JsonNode.Parse(FixtureFiles.Text("openai/embeddings-response.json")),
            JsonSerializer.SerializeToNode(response, ChatJsonContext.Default.EmbeddingResponse));
    }

    [Fact]
    public async Task The_embeddings_request_goes_to_embeddings_with_the_upstream_model_and_the_clients_fields()
    {
        var stub = StubHttpHandler.Json("openai/embeddings-response.json");
        var request = JsonSerializer.Deserialize("""
            {"model": "embed", "input": ["a", "b"], "encoding_format": "float", "dimensions": 256, "user": "u1",
             "switchyard": {"route": "x"}, "x_extra": true}
            """, ChatJsonContext.Default.EmbeddingRequest)!;

        await Adapter(stub).EmbedAsync(new UpstreamEmbeddingCall(Endpoint(), "text-embedding-3-small", request), TestContext.Current.CancellationToken);

        var (sent, body) = stub.Requests.Single();
        Assert.Equal("https://api.openai.com/v1/embeddings", sent.RequestUri!.ToString());
        AssertJsonEqual("""
            {"model": "text-embedding-3-small", "input": ["a", "b"], "encoding_format": "float", "dimensions": 256, "user": "u1", "x_extra": true}
            """, JsonNode.Parse(body));
    }

    [Theory]
    [InlineData("{\"id\": \"x\", \"choices\": [")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("null")]
    [InlineData("")]
    public async Task A_2xx_body_that_is_not_a_completion_is_malformed(string body)
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(Answer(body)));

        Assert.Equal(UpstreamErrorKind.MalformedResponse, ex.Kind);
    }

    [Fact]
    public async Task A_2xx_answer_carrying_only_an_error_is_a_server_error()
    {
        var stub = Answer("""{"error": {"message": "upstream model crashed", "type": "server_error"}}""");

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(stub));

        Assert.Equal(UpstreamErrorKind.ServerError, ex.Kind);
    }

    [Fact]
    public async Task A_body_that_breaks_while_being_read_is_interrupted()
    {
        var head = FixtureFiles.Bytes("openai/chat-response.json")[..40];

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(new Anthropic.BreakingStreamHandler(head)));

        Assert.Equal(UpstreamErrorKind.StreamInterrupted, ex.Kind);
    }
}
