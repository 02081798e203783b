using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Anthropic;

/// <summary>OpenAI message content (a string or parts) → Anthropic content blocks.</summary>
internal static class AnthropicContentMapper
{
    public static List<AnthropicBlock> Blocks(MessageContent? content, ProviderEndpoint endpoint)
    {
        var blocks = new List<AnthropicBlock>();
        if (content is null) return blocks;
        if (content.Parts is null)
        {
            AddText(blocks, content.Text);
            return blocks;
        }
        foreach (var part in content.Parts)
        {
            switch (part.Type)
            {
                case "text":
                    AddText(blocks, part.Text);
                    break;
                case "image_url" when part.ImageUrl is { } image:
                    blocks.Add(AnthropicImageMapper.ToBlock(image.Url, endpoint));
                    break;
                default:
                    throw AnthropicRequestError.Create(endpoint, $"content parts of type '{part.Type}' are not supported by Anthropic.");
            }
        }
        return blocks;
    }

    /// <summary>The text parts only: system prompts on Anthropic are text.</summary>
    public static IEnumerable<AnthropicBlock> TextOnly(MessageContent? content)
    {
        var blocks = new List<AnthropicBlock>();
        if (content?.Parts is null) AddText(blocks, content?.Text);
        else foreach (var part in content.Parts) AddText(blocks, part.Text);
        return blocks;
    }

    /// <summary>Anthropic rejects empty text blocks; OpenAI clients send "" freely (e.g. beside tool calls).</summary>
    private static void AddText(List<AnthropicBlock> blocks, string? text)
    {
        if (!string.IsNullOrEmpty(text)) blocks.Add(AnthropicBlock.OfText(text));
    }
}
