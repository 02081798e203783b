using System.ClientModel;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenAI;
using OpenAI.Chat;
using Switchyard.Core.Config;
using Switchyard.Server.Hosting;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.EndToEnd;

/// <summary>
/// A non-streaming answer from an OpenAI-compatible upstream reaches the client byte for byte: the
/// provider's own fields and formatting kept, nothing serialized twice, and the gateway still reads
/// it for usage and cost.
/// </summary>
public class UpstreamPassThroughTests
{
    // Indented, a provider-only field, an explicit null and escapes: what a re-serialization would change.
    private const string UpstreamBody = """
        {
          "id": "chatcmpl-passthrough-1",
          "object": "chat.completion",
          "created": 1764000000,
          "model": "llama-3.3-70b-versatile",
          "choices": [
            {
              "index": 0,
              "message": { "role": "assistant", "content": "Caf\u00e9 \"quoted\" </script>" },
              "logprobs": null,
              "finish_reason": "stop"
            }
          ],
          "usage": { "prompt_tokens": 21, "completion_tokens": 7, "total_tokens": 28, "queue_time": 0.0123 },
          "system_fingerprint": null,
          "x_groq": { "id": "req_01provider" }
        }
        """;

    [Fact]
    public async Task The_client_gets_the_upstreams_bytes_and_the_gateway_still_prices_its_usage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var upstream = await StaticFileServer.StartAsync(app =>
            app.MapPost("/openai/v1/chat/completions", (HttpContext c) =>
            {
                c.Response.ContentType = "application/json";
                return c.Response.WriteAsync(UpstreamBody);
            }));
        var config = ConfigLoader.Parse($$"""
            request_log: { enabled: false }
            health_checks: { enabled: false }
            providers:
              groq-like: { kind: openai, base_url: "{{new Uri(upstream.BaseAddress, "/openai/v1")}}", api_key: sk-upstream }
            models:
              llama-3.3-70b-versatile:
                deployments: [{ provider: groq-like, input_price_per_million: 1.00, output_price_per_million: 2.00 }]
            """, "test config");
        await using var gateway = await GatewayHost.StartAsync(new GatewayStartOptions(config, "test config")
        {
            Urls = "http://127.0.0.1:0",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        }, ct);
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };

        using var response = await http.PostAsync("/v1/chat/completions", new StringContent(
            """{"model":"llama-3.3-70b-versatile","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"), ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);

        Assert.Equal(Encoding.UTF8.GetBytes(UpstreamBody), body);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        // Read as well as passed on: usage 21 in, 7 out at $1 / $2 per million.
        Assert.Equal((21 * 1.00m + 7 * 2.00m) / 1_000_000m,
            decimal.Parse(response.Headers.GetValues("x-switchyard-cost-usd").Single(), CultureInfo.InvariantCulture));
        Assert.Equal("llama-3.3-70b-versatile", response.Headers.GetValues("x-switchyard-model").Single());

        // And the official SDK reads it like any OpenAI answer.
        var sdk = new OpenAIClient(new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = gateway.OpenAIBaseUrl });
        var completion = (await sdk.GetChatClient("llama-3.3-70b-versatile").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: ct)).Value;
        Assert.Equal("Caf\u00e9 \"quoted\" </script>", completion.Content[0].Text);
        Assert.Equal(28, completion.Usage.TotalTokenCount);
    }
}
