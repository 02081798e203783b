using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Conversation;
using Switchyard.Simulator.Exchange;
using Switchyard.Simulator.State;

namespace Switchyard.Simulator.Providers.OpenAI;

/// <summary><c>POST /v1/chat/completions</c>, streaming and not.</summary>
internal sealed class OpenAIChatEndpoint(SimulatorState state)
{
    public async Task HandleAsync(HttpContext context)
    {
        using var exchange = new SimulatedExchange(state, context, OpenAIDialect.Instance, "chat.completions");
        if (!OpenAIAuth.HasKey(context.Request))
        {
            await exchange.FailAsync(OpenAIDialect.MissingKey());
            return;
        }
        ChatRequest request;
        SimulatedAnswer answer;
        using (var body = await RequestBody.ReadAsync(context, exchange.Aborted))
        {
            if (body is null)
            {
                await exchange.FailAsync(SimError.Invalid("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)"));
                return;
            }
            request = OpenAIChatReader.Read(body.RootElement, out var error);
            if (error is not null)
            {
                await exchange.FailAsync(error);
                return;
            }
            answer = AnswerPlanner.Plan(request, toolPreamble: false); // schemas live in the document: plan before it goes
        }

        if (!await exchange.AdmitAsync(request.Model, request.Directive, request.Stream, request.PromptTokens, answer.CompletionTokens)) return;

        var ids = new ChatCompletionIds(
            state.Ids.Next("chatcmpl-", 29),
            answer.ToolCall is null ? "" : state.Ids.Next("call_", 24),
            exchange.Now.ToUnixTimeSeconds());
        if (request.Stream)
        {
            var stream = new OpenAIChatStreamWriter(ids, request.Model, answer, request.PromptTokens, request.IncludeUsage && !request.Directive.NoUsage);
            await exchange.StreamAsync(stream.WriteAsync);
            return;
        }
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            OpenAIChatResponseWriter.Write(writer, ids, request.Model, answer, request.Directive.NoUsage ? null : request.PromptTokens);
        }
        await exchange.SendJsonAsync(buffer.WrittenMemory, answer.CompletionTokens);
    }
}
