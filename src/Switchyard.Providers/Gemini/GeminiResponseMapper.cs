using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;

namespace Switchyard.Providers.Gemini;

/// <summary>A generateContent response to a canonical chat.completion: one choice per candidate.</summary>
internal static class GeminiResponseMapper
{
    public static async Task<ChatCompletion> ReadCompletionAsync(Stream body, UpstreamCall call, DateTimeOffset now, CancellationToken cancellationToken)
    {
        GeminiResponse? response;
        try
        {
            using var whole = await PooledBody.ReadAsync(body, null, cancellationToken).ConfigureAwait(false);
            response = JsonSerializer.Deserialize(whole.Span, GeminiJsonContext.Default.GeminiResponse);
        }
        catch (JsonException ex)
        {
            throw new UpstreamException(UpstreamErrorKind.MalformedResponse, $"Provider '{call.Endpoint.Name}' sent a body that is not a Gemini response.", inner: ex);
        }
        return ToCompletion(response ?? new GeminiResponse(), call.Endpoint, call.UpstreamModel, now);
    }

    public static ChatCompletion ToCompletion(GeminiResponse response, ProviderEndpoint endpoint, string upstreamModel, DateTimeOffset now)
    {
        GeminiResponseChecks.ThrowIfError(response, endpoint, UpstreamErrorKind.ServerError);
        GeminiResponseChecks.ThrowIfNoCandidates(response, endpoint);
        var id = GeminiResponseChecks.CompletionId(response);
        var choices = response.Candidates!.Select((candidate, position) => ToChoice(candidate, candidate.Index ?? position, id)).ToList();
        return new ChatCompletion
        {
            Id = id,
            Created = now.ToUnixTimeSeconds(),
            Model = response.ModelVersion ?? upstreamModel,
            Choices = choices,
            Usage = response.UsageMetadata is { } usage ? GeminiUsageMapper.Map(usage) : null,
        };
    }

    private static ChatChoice ToChoice(GeminiCandidate candidate, int index, string completionId)
    {
        var toolCalls = GeminiCandidateReader.ToolCalls(candidate.Content, completionId, index, firstOrdinal: 0, withIndex: false);
        var text = GeminiCandidateReader.Text(candidate.Content);
        return new ChatChoice
        {
            Index = index,
            Message = new ChatMessage
            {
                Role = "assistant",
                Content = text is null ? null : MessageContent.FromText(text),
                ToolCalls = toolCalls.Count == 0 ? null : toolCalls,
            },
            FinishReason = GeminiFinishReasons.ToOpenAI(candidate.FinishReason ?? "STOP", toolCalls.Count > 0),
        };
    }
}
