namespace Switchyard.Providers.Gemini;

/// <summary>
/// Guesses a media type from a URL's extension: Gemini's fileData wants one and OpenAI image URLs
/// carry none.
/// </summary>
internal static class MimeTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".webp"] = "image/webp",
        [".gif"] = "image/gif",
        [".heic"] = "image/heic",
        [".heif"] = "image/heif",
        [".pdf"] = "application/pdf",
        [".wav"] = "audio/wav",
        [".mp3"] = "audio/mp3",
        [".mp4"] = "video/mp4",
    };

    /// <summary>Falls back to image/jpeg: the URL came in an image_url part, and JPEG is the common case.</summary>
    public static string FromUrl(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        return ByExtension.TryGetValue(Path.GetExtension(path), out var mime) ? mime : "image/jpeg";
    }
}
