using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Server.Admin;
using Switchyard.Server.RequestLog;
using Switchyard.Storage.Spend;

namespace Switchyard.Cli.Commands;

/// <summary>
/// `switchyard spend [--url URL] [--from T] [--to T] [--group-by model,provider,...] [--json]`: a
/// client of a running gateway's GET /admin/v1/spend, printed as a table (cost first).
/// </summary>
public static class SpendCommand
{
    public static Command Create()
    {
        var url = AdminClient.UrlOption();
        var from = new Option<string?>("--from") { Description = "Start of the range: ISO 8601 (2025-06-01, 2025-06-01T12:00:00Z), 'now', or back from now (90m, 24h, 7d). Default 24h." };
        var to = new Option<string?>("--to") { Description = "End of the range (exclusive), same forms. Default now." };
        var groupBy = new Option<string?>("--group-by") { Description = "Comma-separated: model, provider, key, project, route, policy, arm, bucket:hour, bucket:day. Default: one total." };
        var json = new Option<bool>("--json") { Description = "Print the admin API's JSON instead of a table." };
        var command = new Command("spend", "Requests, tokens, cost, savings, error rate and latency from a running gateway's request log.") { url, from, to, groupBy, json };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(url)!, parse.GetValue(from), parse.GetValue(to), parse.GetValue(groupBy), parse.GetValue(json),
            AdminKey.Resolve(Environment.GetEnvironmentVariable), Console.Out, Console.Error, ct));
        return command;
    }

    public static async Task<int> RunAsync(string url, string? from, string? to, string? groupBy, bool json, string? adminKey,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (from is not null) query.Add("from=" + Uri.EscapeDataString(from));
        if (to is not null) query.Add("to=" + Uri.EscapeDataString(to));
        if (groupBy is not null) query.Add("group_by=" + Uri.EscapeDataString(groupBy));
        var path = AdminEndpoints.Prefix + "/spend" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var (status, body, _) = await AdminClient.GetAsync(url, path, adminKey, stderr, cancellationToken);
        if (status != 0) return status;
        if (json)
        {
            await stdout.WriteLineAsync(body);
            return 0;
        }
        var report = JsonSerializer.Deserialize(body, RequestLogJsonContext.Default.SpendReport)!;
        await stdout.WriteAsync(Table(report));
        return 0;
    }

    public static string Table(SpendReport report)
    {
        var keys = report.GroupBy;
        var rows = report.Groups.Select(g => (Key: keys.Select(k => g.Key.GetValueOrDefault(k) ?? "-").ToArray(), Line: g)).ToList();
        if (keys.Count == 0) rows.Clear();
        var widths = keys.Select((k, i) => Math.Max(k.Length, rows.Count == 0 ? 0 : rows.Max(r => r.Key[i].Length))).ToArray();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Spend from {report.From:u} to {report.To:u}");
        var head = string.Concat(keys.Select((k, i) => k.PadRight(widths[i]) + "  "));
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{head}{"requests",9} {"errors",7} {"in tokens",11} {"out tokens",11} {"cost $",12} {"baseline $",12} {"saved $",12} {"p50 ms",8} {"p95 ms",8}");
        foreach (var (key, line) in rows)
            text.AppendLine(string.Concat(key.Select((k, i) => k.PadRight(widths[i]) + "  ")) + Figures(line));
        var totalLabel = keys.Count == 0 ? "" : "total".PadRight(head.Length);
        text.AppendLine(totalLabel + Figures(report.Total));
        if (report.Total.Requests == 0) text.AppendLine("(no requests in this range)");
        return text.ToString();
    }

    private static string Figures(SpendLine l) => string.Create(CultureInfo.InvariantCulture,
        $"{l.Requests,9} {(l.ErrorRate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",7} {l.InputTokens,11} {l.OutputTokens,11} {Usd(l.CostUsd),12} {Usd(l.BaselineCostUsd),12} {Usd(l.SavingsUsd),12} {Ms(l.LatencyP50Ms),8} {Ms(l.LatencyP95Ms),8}");

    private static string Usd(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);
    private static string Ms(double? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "-";
}

/// <summary>GETs from a running gateway's admin API with the admin key, turning failures into one clear line and exit code 1.</summary>
internal static class AdminClient
{
    public static Option<string> UrlOption() =>
        new("--url") { Description = "The gateway. Default http://127.0.0.1:8400", DefaultValueFactory = _ => "http://127.0.0.1:8400" };

    /// <returns>Status 0 with the body and headers on success; otherwise the exit code (the reason is on stderr).</returns>
    public static async Task<(int Status, string Body, HttpResponseHeaders? Headers)> GetAsync(string url, string path, string? adminKey,
        TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != "http" && baseUri.Scheme != "https"))
        {
            await stderr.WriteLineAsync($"--url: '{url}' is not an absolute http(s) URL.");
            return (2, "", null);
        }
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        if (adminKey is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        try
        {
            using var response = await http.GetAsync(path, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode) return (0, body, response.Headers);
            await stderr.WriteLineAsync(Describe(response.StatusCode, body));
            return (1, "", null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"No gateway answered at {baseUri}: {ex.Message} Start one with `switchyard serve`, or pass --url.");
            return (1, "", null);
        }
    }

    private static string Describe(HttpStatusCode status, string body)
    {
        string? message = null;
        try { message = JsonSerializer.Deserialize(body, ChatJsonContext.Default.ErrorResponse)?.Error?.Message; }
        catch (JsonException) { }
        var text = $"{(int)status} {status}: {message ?? body}";
        return status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? text + $" (the CLI sends {AdminKey.Variable} from its environment as the admin key)"
            : text;
    }
}
