using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Core.Chat;
using Switchyard.Server.Http;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Http;

/// <summary>Whole JSON answers carry their Content-Length instead of chunked framing.</summary>
public class JsonResponseWriterTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_completion_an_error_and_the_model_list_say_their_length_and_are_not_chunked()
    {
        var ct = TestContext.Current.CancellationToken;
        using var completion = await fixture.Http.PostAsync("/v1/chat/completions",
            new StringContent($$"""{"model":"{{GatewayFixture.OpenAIModel}}","messages":[{"role":"user","content":"hello"}]}""", Encoding.UTF8, "application/json"), ct);
        using var error = await fixture.Http.PostAsync("/v1/chat/completions",
            new StringContent("""{"model":"no-such-model","messages":[{"role":"user","content":"hello"}]}""", Encoding.UTF8, "application/json"), ct);
        using var models = await fixture.Http.GetAsync("/v1/models", ct);

        Assert.Equal(HttpStatusCode.OK, completion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        foreach (var response in new[] { completion, error, models })
        {
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var _ = JsonDocument.Parse(body); // whole and well-formed
        }
    }

    [Fact]
    public async Task A_large_answer_then_a_small_one_on_the_same_thread_each_come_out_whole()
    {
        // Over the 64 KB the per-thread buffer keeps: that buffer is dropped, and the next answer must not see its bytes.
        var large = new ModelList();
        for (var i = 0; i < 3000; i++) large.Data.Add(new ModelInfo { Id = $"model-{i:D5}-with-a-long-name", Created = i, OwnedBy = "switchyard" });
        var small = new ModelList();
        small.Data.Add(new ModelInfo { Id = "one", Created = 1, OwnedBy = "switchyard" });

        var (largeBytes, largeLength) = Write(large);
        var (smallBytes, smallLength) = Write(small);
        var (smallAgain, _) = Write(small);

        Assert.True(largeBytes.Length > 64 * 1024);
        Assert.Equal(largeBytes.Length, largeLength);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(large, ChatJsonContext.Default.ModelList), largeBytes);
        Assert.Equal(smallBytes.Length, smallLength);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(small, ChatJsonContext.Default.ModelList), smallBytes);
        Assert.Equal(smallBytes, smallAgain);
    }

    [Fact]
    public void A_value_the_serializer_rejects_midway_leaves_the_response_unstarted_and_the_next_answer_clean()
    {
        // An undefined JsonElement cannot be written: the serializer throws after the first properties.
        var broken = new ChatCompletion { Id = "chatcmpl-1", Model = "m", Extra = new() { ["odd"] = default } };
        var context = NewContext();

        Assert.ThrowsAny<InvalidOperationException>(() =>
            JsonResponseWriter.Write(context.Response, broken, ChatJsonContext.Default.ChatCompletion));
        EndResponse(context);
        Assert.Equal(0, context.Response.Body.Length);
        Assert.Null(context.Response.ContentLength);

        var small = new ModelList();
        small.Data.Add(new ModelInfo { Id = "after", Created = 1, OwnedBy = "switchyard" });
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(small, ChatJsonContext.Default.ModelList), Write(small).Bytes);
    }

    private static (byte[] Bytes, long? Length) Write(ModelList list)
    {
        var context = NewContext();
        JsonResponseWriter.Write(context.Response, list, ChatJsonContext.Default.ModelList);
        EndResponse(context);
        return (((MemoryStream)context.Response.Body).ToArray(), context.Response.ContentLength);
    }

    // What Kestrel does once the handler returns: the writer leaves the flush to it.
    private static void EndResponse(DefaultHttpContext context) => context.Response.BodyWriter.FlushAsync().AsTask().GetAwaiter().GetResult();

    private static DefaultHttpContext NewContext() => new() { Response = { Body = new MemoryStream() } };
}
