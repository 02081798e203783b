namespace Switchyard.Providers.Gemini;

/// <summary>
/// Builds {base}/v1beta/{models/name}:{method}. The base is scheme and host as GEMINI_BASE_URL gives
/// it; a base that already ends in /v1beta is taken as is, so either spelling of the setting works.
/// </summary>
internal static class GeminiUrls
{
    private const string ApiVersion = "v1beta";

    public static Uri For(Uri baseUrl, string model, string method, string? query = null)
    {
        var root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (!root.EndsWith("/" + ApiVersion, StringComparison.OrdinalIgnoreCase)) root += "/" + ApiVersion;
        return new Uri($"{root}/{ResourceName(model)}:{method}{(query is null ? "" : "?" + query)}");
    }

    /// <summary>"gemini-2.5-flash" → "models/gemini-2.5-flash"; "models/x" and "tunedModels/x" stay as given.</summary>
    private static string ResourceName(string model)
    {
        var slash = model.IndexOf('/');
        if (slash > 0 && model[..slash] is "models" or "tunedModels")
            return model[..(slash + 1)] + Uri.EscapeDataString(model[(slash + 1)..]);
        return "models/" + Uri.EscapeDataString(model);
    }

    /// <summary>The "models/..." resource name the batch embeddings body repeats per request.</summary>
    public static string ModelResource(string model) => ResourceName(model);
}
