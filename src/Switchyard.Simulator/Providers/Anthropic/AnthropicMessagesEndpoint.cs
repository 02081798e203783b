using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Conversation;
using Switchyard.Simulator.Exchange;
using Switchyard.Simulator.State;

namespace Switchyard.Simulator.Providers.Anthropic;

/// <summary>
/// <c>POST /v1/messages</c>. Needs <c>x-api-key</c> (any value; a bearer token is accepted too,
/// as the API does for OAuth tokens) and <c>anthropic-version</c>, like the real API.
/// </summary>
internal sealed class AnthropicMessagesEndpoint(SimulatorState state)
{
    public async Task HandleAsync(HttpContext context)
    {
        using var exchange = new SimulatedExchange(state, context, AnthropicDialect.Instance, "messages");
        var headers = context.Request.Headers;
        if (string.IsNullOrWhiteSpace(headers["x-api-key"]) && !headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await exchange.FailAsync(new SimError(401, SimErrorKind.Authentication, "x-api-key header is required"));
            return;
        }
        if (string.IsNullOrWhiteSpace(headers["anthropic-version"]))
        {
            await exchange.FailAsync(SimError.Invalid("anthropic-version: header is required"));
            return;
        }

        ChatRequest request;
        SimulatedAnswer answer;
        using (var body = await RequestBody.ReadAsync(context, exchange.Aborted))
        {
            if (body is null)
            {
                await exchange.FailAsync(SimError.Invalid("There was an issue with your request body: it is not valid JSON."));
                return;
            }
            request = AnthropicMessagesReader.Read(body.RootElement, out var error);
            if (error is not null)
            {
                await exchange.FailAsync(error);
                return;
            }
            answer = AnswerPlanner.Plan(request, toolPreamble: true);
        }

        if (!await exchange.AdmitAsync(request.Model, request.Directive, request.Stream, request.PromptTokens, answer.CompletionTokens)) return;

        var ids = new MessageIds(state.Ids.Next("msg_", 24), answer.ToolCall is null ? "" : state.Ids.Next("toolu_", 24));
        if (request.Stream)
        {
            await exchange.StreamAsync(new AnthropicStreamWriter(ids, request.Model, answer, request.PromptTokens).WriteAsync);
            return;
        }
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            AnthropicMessageWriter.Write(writer, ids, request.Model, answer, request.PromptTokens);
        }
        await exchange.SendJsonAsync(buffer.WrittenMemory, answer.CompletionTokens);
    }
}
