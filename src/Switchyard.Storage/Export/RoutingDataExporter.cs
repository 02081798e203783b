using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Switchyard.Storage.Rows;

namespace Switchyard.Storage.Export;

/// <summary>What an export wrote and what it had to leave out, and why.</summary>
/// <param name="SkippedNoPrompt">Rows with feedback but no prompt: request_log.bodies was off when they were logged.</param>
/// <param name="SkippedNoAnswer">Rows with feedback whose request no model answered (nothing to score).</param>
public sealed record ExportSummary(int Written, int SkippedNoPrompt, int SkippedNoAnswer)
{
    public string Describe() =>
        $"{Written} row(s) written." +
        (SkippedNoPrompt > 0 ? $" {SkippedNoPrompt} row(s) with feedback were skipped because their prompt was not stored: body logging was off (set request_log.bodies: true to log prompts)." : "") +
        (SkippedNoAnswer > 0 ? $" {SkippedNoAnswer} row(s) with feedback were skipped because no model answered them." : "");
}

/// <summary>
/// Writes the requests that received feedback as routing data, so a router can be trained on a
/// user's own traffic: the prompt is the last user message (what the task classifier reads), the
/// one result is the model that answered with the feedback score and the request's cost, and the
/// split is a deterministic 70/30 hash of the request id, as the shared data does for sources without one.
/// </summary>
public static class RoutingDataExporter
{
    public const string Source = "switchyard";

    public static async Task<ExportSummary> ExportAsync(IRequestLogStore store, DateTimeOffset from, DateTimeOffset to, TextWriter output,
        CancellationToken cancellationToken)
    {
        int written = 0, noPrompt = 0, noAnswer = 0;
        await foreach (var (row, feedback) in store.RowsWithFeedbackAsync(from, to, cancellationToken))
        {
            if (ToRoutingData(row, feedback) is { } data)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(data, StorageJson.Relaxed.RoutingDataRow));
                written++;
            }
            else if (row.Model is null) noAnswer++;
            else noPrompt++;
        }
        await output.FlushAsync(cancellationToken);
        return new ExportSummary(written, noPrompt, noAnswer);
    }

    /// <summary>Null when the row cannot be used: no prompt stored, or no model answered.</summary>
    public static RoutingDataRow? ToRoutingData(RequestLogRow row, Feedback feedback)
    {
        if (row.Model is null) return null;
        var prompt = PromptText(row.Prompt);
        if (string.IsNullOrEmpty(prompt)) return null;
        return new RoutingDataRow(row.Id, Source, row.Task, Split(row.Id), prompt,
            new Dictionary<string, RoutingDataResult> { [row.Model] = new(feedback.Score, row.CostUsd ?? 0) },
            row.CostEstimated == true ? "estimated" : "measured")
        {
            Label = feedback.Label,
            Comment = feedback.Comment,
        };
    }

    /// <summary>The last user message of the stored prompt messages.</summary>
    public static string? PromptText(string? storedPrompt)
    {
        if (string.IsNullOrEmpty(storedPrompt)) return null;
        List<PromptMessage>? messages;
        try { messages = JsonSerializer.Deserialize(storedPrompt, StorageJson.Default.ListPromptMessage); }
        catch (JsonException) { return storedPrompt; }
        return messages?.LastOrDefault(m => m.Role == "user")?.Content ?? messages?.LastOrDefault()?.Content;
    }

    public static string Split(string id) => SHA256.HashData(Encoding.UTF8.GetBytes(id))[0] * 100 / 256 < 70 ? "train" : "test";
}
