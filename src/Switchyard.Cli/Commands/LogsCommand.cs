using System.CommandLine;
using System.Globalization;
using System.Text;
using Switchyard.Server.Admin;
using Switchyard.Storage.Export;
using Switchyard.Storage.Spend;
using Switchyard.Storage.Sqlite;

namespace Switchyard.Cli.Commands;

/// <summary>
/// `switchyard logs export [--out FILE] [--url URL | --data-dir DIR] [--from T] [--to T]`: the
/// requests that received feedback, in the routing-data format, from a running gateway's admin API
/// or offline from the SQLite file of a data folder. Says how many rows were skipped and why.
/// </summary>
public static class LogsCommand
{
    public static Command Create()
    {
        var url = AdminClient.UrlOption();
        var dataDir = new Option<string?>("--data-dir") { Description = "Read the SQLite request log of this data folder (server.data_dir) instead of asking a gateway." };
        var output = new Option<string?>("--out") { Description = "Write the JSON lines to this file. Default: standard output." };
        var from = new Option<string?>("--from") { Description = "Only requests from this time: ISO 8601, 'now', or back from now (24h, 7d). Default: all." };
        var to = new Option<string?>("--to") { Description = "Only requests before this time. Default: now." };
        var export = new Command("export", "Write the requests that received feedback as routing data (one model per row: the one that answered).") { output, url, dataDir, from, to };
        export.SetAction((parse, ct) => ExportAsync(parse.GetValue(output), parse.GetValue(url)!, parse.GetValue(dataDir), parse.GetValue(from), parse.GetValue(to),
            AdminKey.Resolve(Environment.GetEnvironmentVariable), Console.Out, Console.Error, ct));
        return new Command("logs", "The request log.") { export };
    }

    public static async Task<int> ExportAsync(string? outFile, string url, string? dataDir, string? from, string? to, string? adminKey,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string lines;
        ExportSummary summary;
        if (dataDir is not null)
        {
            var path = Path.Combine(dataDir, SqliteRequestLogStore.FileName);
            if (!File.Exists(path))
            {
                await stderr.WriteLineAsync($"No request log at {Path.GetFullPath(path)}: --data-dir must be the gateway's server.data_dir (default .data).");
                return 1;
            }
            DateTimeOffset start, end;
            try { (start, end) = TimeExpression.Range(from, to, DateTimeOffset.UtcNow, TimeSpan.FromDays(365 * 100)); }
            catch (FormatException ex) { await stderr.WriteLineAsync(ex.Message + "."); return 2; }
            await using var store = new SqliteRequestLogStore(path);
            await store.MigrateAsync(cancellationToken);
            var buffer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
            summary = await RoutingDataExporter.ExportAsync(store, start, end, buffer, cancellationToken);
            lines = buffer.ToString();
        }
        else
        {
            var query = new List<string>();
            if (from is not null) query.Add("from=" + Uri.EscapeDataString(from));
            if (to is not null) query.Add("to=" + Uri.EscapeDataString(to));
            var (status, body, headers) = await AdminClient.GetAsync(url, AdminEndpoints.Prefix + "/logs/export" + (query.Count > 0 ? "?" + string.Join('&', query) : ""),
                adminKey, stderr, cancellationToken);
            if (status != 0) return status;
            lines = body;
            summary = new ExportSummary(Count(headers, LogsEndpoints.WrittenHeader), Count(headers, LogsEndpoints.SkippedNoPromptHeader), Count(headers, LogsEndpoints.SkippedNoAnswerHeader));
        }

        if (outFile is null) await stdout.WriteAsync(lines);
        else await File.WriteAllTextAsync(outFile, lines, new UTF8Encoding(false), cancellationToken);
        await stderr.WriteLineAsync((outFile is null ? "" : $"{outFile}: ") + summary.Describe());
        if (summary.Written == 0 && summary.SkippedNoPrompt == 0 && summary.SkippedNoAnswer == 0)
            await stderr.WriteLineAsync("No request has feedback yet: POST /v1/feedback {\"request_id\", \"score\"} records it.");
        return 0;
    }

    private static int Count(System.Net.Http.Headers.HttpResponseHeaders? headers, string name) =>
        headers is not null && headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, out var n) ? n : 0;
}
