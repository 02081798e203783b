using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// OpenAI's message list → Anthropic's top-level system plus strictly alternating user/assistant
/// turns. System and developer messages, wherever they stand, become the system prompt (Anthropic
/// has no system turn). Tool results are user turns on Anthropic. Consecutive turns of the same
/// role are merged, because Anthropic requires alternation and OpenAI does not.
/// </summary>
internal static class AnthropicMessageMapper
{
    public static (List<AnthropicBlock> System, List<AnthropicMessage> Messages) Map(
        IReadOnlyList<ChatMessage> messages, ProviderEndpoint endpoint)
    {
        var system = new List<AnthropicBlock>();
        var turns = new List<AnthropicMessage>();
        foreach (var message in messages)
        {
            switch (message.Role)
            {
                case "system" or "developer":
                    system.AddRange(AnthropicContentMapper.TextOnly(message.Content));
                    break;
                case "user":
                    Append(turns, "user", AnthropicContentMapper.Blocks(message.Content, endpoint));
                    break;
                case "assistant":
                    var blocks = AnthropicContentMapper.Blocks(message.Content, endpoint);
                    blocks.AddRange(AnthropicToolMapper.ToolUseBlocks(message.ToolCalls, endpoint));
                    Append(turns, "assistant", blocks);
                    break;
                case "tool":
                    Append(turns, "user", [ToolResult(message, endpoint)]);
                    break;
                default:
                    throw AnthropicRequestError.Create(endpoint, $"messages with role '{message.Role}' are not supported by Anthropic.");
            }
        }
        return (system, turns);
    }

    private static AnthropicBlock ToolResult(ChatMessage message, ProviderEndpoint endpoint)
    {
        if (string.IsNullOrEmpty(message.ToolCallId))
            throw AnthropicRequestError.Create(endpoint, "a tool message has no tool_call_id; Anthropic needs it to match the result to its tool call.");
        var content = AnthropicContentMapper.Blocks(message.Content, endpoint);
        return new AnthropicBlock
        {
            Type = "tool_result",
            ToolUseId = message.ToolCallId,
            Content = content.Count > 0 ? content : null, // Anthropic allows a result without content, not an empty text
        };
    }

    /// <summary>Adds the blocks as a new turn, or to the last turn when it has the same role. Empty turns are skipped.</summary>
    private static void Append(List<AnthropicMessage> turns, string role, List<AnthropicBlock> blocks)
    {
        if (blocks.Count == 0) return;
        if (turns.Count > 0 && turns[^1].Role == role)
            turns[^1].Content.AddRange(blocks);
        else
            turns.Add(new AnthropicMessage { Role = role, Content = blocks });
    }
}
