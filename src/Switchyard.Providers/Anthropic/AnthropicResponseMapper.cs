using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Anthropic message → OpenAI chat.completion. Text blocks are joined into the message content;
/// tool_use blocks become tool_calls with the input as compact JSON text. Thinking and
/// redacted_thinking blocks are dropped: the gateway never asks for thinking, and an OpenAI-shaped
/// client could not send their signatures back on the next turn anyway. Blocks of server tools
/// (web search and the like) are dropped for the same reason.
/// </summary>
internal static class AnthropicResponseMapper
{
    public static async Task<ChatCompletion> ReadAsync(Stream body, ProviderEndpoint endpoint, long created, CancellationToken cancellationToken)
    {
        AnthropicResponse? message;
        try
        {
            using var whole = await PooledBody.ReadAsync(body, null, cancellationToken).ConfigureAwait(false);
            message = JsonSerializer.Deserialize(whole.Span, AnthropicJsonContext.Default.AnthropicResponse);
        }
        catch (JsonException ex)
        {
            throw new UpstreamException(UpstreamErrorKind.MalformedResponse, $"Provider '{endpoint.Name}' sent a body that is not a valid Anthropic message.", inner: ex);
        }
        if (message is null)
            throw new UpstreamException(UpstreamErrorKind.MalformedResponse, $"Provider '{endpoint.Name}' sent an empty body.");
        if (message.Type == "error")
            throw AnthropicErrorTypes.ToException(message.Error, endpoint, "in a successful answer");
        return ToCanonical(message, created);
    }

    public static ChatCompletion ToCanonical(AnthropicResponse message, long created)
    {
        var text = new StringBuilder();
        var sawText = false;
        List<ToolCall>? toolCalls = null;
        foreach (var block in message.Content)
        {
            if (block.Type == "text")
            {
                text.Append(block.Text);
                sawText = true;
            }
            else if (block.Type == "tool_use")
            {
                (toolCalls ??= []).Add(new ToolCall
                {
                    Id = block.Id,
                    Type = "function",
                    Function = new FunctionCall { Name = block.Name, Arguments = block.Input?.GetRawText() is { } raw ? Compact(raw) : "{}" },
                });
            }
        }
        return new ChatCompletion
        {
            Id = message.Id,
            Created = created,
            Model = message.Model,
            Choices =
            [
                new ChatChoice
                {
                    Index = 0,
                    // OpenAI sends null content beside tool calls, and "" for an empty answer.
                    Message = new ChatMessage
                    {
                        Role = "assistant",
                        Content = sawText || toolCalls is null ? MessageContent.FromText(text.ToString()) : null,
                        ToolCalls = toolCalls,
                    },
                    FinishReason = AnthropicStopReason.ToFinishReason(message.StopReason),
                },
            ],
            Usage = AnthropicUsageMapper.ToCanonical(message.Usage),
        };
    }

    /// <summary>The recorded bodies are pretty-printed; OpenAI's arguments are compact JSON text.</summary>
    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(json.Length);
        // Relaxed escaping keeps non-ASCII text as it came; it is JSON inside a JSON string, never HTML.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            document.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
