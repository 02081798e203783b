using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Core.Chat;
using Switchyard.Server.Http;

namespace Switchyard.Server.Tests.Http;

public sealed class JsonResponseTests
{
    [Fact]
    public async Task Writes_the_same_bytes_the_serializer_writes_escaping_and_extra_fields_included()
    {
        var completion = JsonSerializer.Deserialize(
            """
            {"id":"chatcmpl-1","object":"chat.completion","created":1764000000,"model":"gpt-4.1-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"héllo <b>&</b> 世界 😀 \"quoted\"\n"},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7},"service_tier":"default","x_vendor":{"kept":[1,2]}}
            """, ChatJsonContext.Default.ChatCompletion)!;
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;

        await JsonResponse.WriteAsync(context.Response, completion, ChatJsonContext.Default.ChatCompletion, TestContext.Current.CancellationToken);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(completion, ChatJsonContext.Default.ChatCompletion), body.ToArray());
        Assert.Contains("x_vendor", System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
