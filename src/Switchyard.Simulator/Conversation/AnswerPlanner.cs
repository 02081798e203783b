using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Conversation;

/// <summary>
/// Computes the whole answer to a request: a tool call (see <see cref="ToolSelector"/>), JSON
/// for structured output, or prose; then applies stop sequences and the output-token limit.
/// </summary>
internal static class AnswerPlanner
{
    /// <param name="toolPreamble">Anthropic-style: say a short sentence before the tool_use block.</param>
    /// <param name="variant">Alternative number (Gemini candidateCount); 0 for the first.</param>
    public static SimulatedAnswer Plan(ChatRequest request, bool toolPreamble, int variant = 0)
    {
        var hash = StableHash.Combine(StableHash.Combine(StableHash.Of(request.Model), request.UserText), variant);
        if (request.ToolResult is { } result) hash = StableHash.Combine(hash, result.Content);

        if (ToolSelector.Select(request) is { } tool)
        {
            var arguments = JsonSchemaSampler.Sample(tool.Schema.ValueKind == System.Text.Json.JsonValueKind.Undefined ? EmptyObjectSchema.Value : tool.Schema, StableHash.Combine(hash, tool.Name));
            var call = new SimulatedToolCall(tool.Name, arguments, TokenCounter.Split(arguments), JsonTokenCounter.Count(arguments));
            var preamble = toolPreamble ? $"I'll use the {tool.Name} tool." : "";
            var preambleTokens = TokenCounter.Split(preamble);
            if (request.MaxOutputTokens is not { } limit || preambleTokens.Length + call.TokenCount <= limit)
            {
                return new SimulatedAnswer { Text = preamble, TextTokens = preambleTokens, ToolCall = call, Finish = FinishKind.ToolCall };
            }
            // Too little room for the call: fall through to a text answer cut at the limit.
        }

        var text = request.Format.Kind switch
        {
            OutputFormatKind.JsonSchema => JsonSchemaSampler.Sample(request.Format.Schema, hash),
            OutputFormatKind.JsonObject => JsonObjectAnswer(hash, request),
            _ => AnswerComposer.Compose(hash, request.UserText, request.ToolResult?.ToolName, request.ToolResult?.Content),
        };
        return Limit(text, request.StopSequences, request.MaxOutputTokens);
    }

    private static string JsonObjectAnswer(ulong hash, ChatRequest request)
    {
        var prose = AnswerComposer.Compose(hash, request.UserText, request.ToolResult?.ToolName, request.ToolResult?.Content);
        var escaped = System.Text.Json.JsonEncodedText.Encode(prose, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        return $"{{\"answer\":\"{escaped}\",\"id\":\"{(uint)hash:x8}\"}}";
    }

    private static SimulatedAnswer Limit(string text, IReadOnlyList<string> stopSequences, int? maxTokens)
    {
        var finish = FinishKind.Stop;
        string? matched = null;
        var cut = text.Length;
        foreach (var stop in stopSequences)
        {
            var at = stop.Length == 0 ? -1 : text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && at < cut)
            {
                cut = at;
                matched = stop;
                finish = FinishKind.StopSequence;
            }
        }
        if (cut < text.Length) text = text[..cut];

        var tokens = TokenCounter.Split(text);
        if (maxTokens is { } limit && tokens.Length > limit)
        {
            tokens = tokens[..Math.Max(0, limit)];
            text = string.Concat(tokens);
            finish = FinishKind.Length;
            matched = null;
        }
        return new SimulatedAnswer { Text = text, TextTokens = tokens, Finish = finish, MatchedStopSequence = matched };
    }
}

/// <summary>The schema used for a tool declared without one: arguments are then <c>{}</c>.</summary>
internal static class EmptyObjectSchema
{
    public static readonly System.Text.Json.JsonElement Value = System.Text.Json.JsonDocument.Parse("{\"type\":\"object\"}").RootElement;
}
