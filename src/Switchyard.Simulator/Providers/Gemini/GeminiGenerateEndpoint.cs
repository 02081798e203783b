using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Conversation;
using Switchyard.Simulator.Exchange;
using Switchyard.Simulator.State;

namespace Switchyard.Simulator.Providers.Gemini;

/// <summary>
/// <c>POST /v1beta/models/{model}:generateContent</c> and <c>:streamGenerateContent</c>
/// (<c>?alt=sse</c> for server-sent events, otherwise a JSON array of chunks). The key comes in
/// <c>x-goog-api-key</c> or <c>?key=</c>; any value is accepted.
/// </summary>
internal sealed class GeminiGenerateEndpoint(SimulatorState state)
{
    public async Task HandleAsync(HttpContext context)
    {
        var target = context.Request.RouteValues["target"]?.ToString() ?? "";
        var colon = target.LastIndexOf(':');
        var model = colon < 0 ? target : target[..colon];
        var method = colon < 0 ? "" : target[(colon + 1)..];
        var stream = method == "streamGenerateContent";
        using var exchange = new SimulatedExchange(state, context, GeminiDialect.Instance, stream ? "streamGenerateContent" : "generateContent");
        if (method is not ("generateContent" or "streamGenerateContent"))
        {
            await exchange.FailAsync(new SimError(404, SimErrorKind.NotFound, $"Method not found: {method}"));
            return;
        }
        var request = context.Request;
        if (string.IsNullOrWhiteSpace(request.Headers["x-goog-api-key"]) && string.IsNullOrWhiteSpace(request.Query["key"]))
        {
            await exchange.FailAsync(GeminiDialect.MissingKey());
            return;
        }

        ChatRequest chat;
        var answers = new List<SimulatedAnswer>(1);
        using (var body = await RequestBody.ReadAsync(context, exchange.Aborted))
        {
            if (body is null)
            {
                await exchange.FailAsync(SimError.Invalid("Invalid JSON payload received."));
                return;
            }
            chat = GeminiRequestReader.Read(body.RootElement, model, stream, out var error);
            if (error is not null)
            {
                await exchange.FailAsync(error);
                return;
            }
            var choices = stream ? 1 : chat.Choices;
            for (var i = 0; i < choices; i++) answers.Add(AnswerPlanner.Plan(chat, toolPreamble: false, variant: i));
        }

        var completionTokens = answers.Sum(static a => a.CompletionTokens);
        if (!await exchange.AdmitAsync(model, chat.Directive, stream, chat.PromptTokens, completionTokens)) return;

        var responseId = state.Ids.Next("", 23);
        if (stream)
        {
            var sse = request.Query["alt"] == "sse";
            var writer = new GeminiStreamWriter(responseId, model, answers[0], chat.PromptTokens);
            await exchange.StreamAsync(writer.WriteAsync, jsonArray: !sse, contentType: sse ? null : "application/json; charset=UTF-8");
            return;
        }
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            GeminiResponseWriter.Write(json, responseId, model, answers, chat.PromptTokens);
        }
        await exchange.SendJsonAsync(buffer.WrittenMemory, completionTokens);
    }
}
