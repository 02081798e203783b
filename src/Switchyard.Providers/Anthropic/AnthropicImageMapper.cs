using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Anthropic;

/// <summary>An OpenAI image_url (https or data: URL) → an Anthropic image block (url or base64 source).</summary>
internal static class AnthropicImageMapper
{
    public static AnthropicBlock ToBlock(string url, ProviderEndpoint endpoint) => new()
    {
        Type = "image",
        Source = url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            ? FromDataUrl(url, endpoint)
            : new AnthropicImageSource { Type = "url", Url = url },
    };

    /// <summary>data:[media type];base64,[data]: Anthropic wants the media type and the data apart.</summary>
    private static AnthropicImageSource FromDataUrl(string url, ProviderEndpoint endpoint)
    {
        var comma = url.IndexOf(',');
        var header = comma < 0 ? "" : url[5..comma];
        const string base64Suffix = ";base64";
        if (comma < 0 || !header.EndsWith(base64Suffix, StringComparison.OrdinalIgnoreCase) || header.Length == base64Suffix.Length)
            throw AnthropicRequestError.Create(endpoint, "an image data: URL must be base64 with a media type (data:image/png;base64,...).");
        return new AnthropicImageSource
        {
            Type = "base64",
            MediaType = header[..^base64Suffix.Length],
            Data = url[(comma + 1)..],
        };
    }
}
