using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Server.Admin;

namespace Switchyard.Cli.Commands;

/// <summary>
/// `switchyard health [--url URL] [--reset DEPLOYMENT] [--json]`: a client of a running gateway's
/// admin API (GET /admin/v1/health, POST /admin/v1/health/{deployment}/reset), sending
/// Authorization: Bearer $SWITCHYARD_ADMIN_KEY when the variable is set.
/// </summary>
public static class HealthCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The gateway. Default http://127.0.0.1:8400", DefaultValueFactory = _ => "http://127.0.0.1:8400" };
        var reset = new Option<string?>("--reset") { Description = "Close this deployment's breaker and clear its statistics window (e.g. openai/gpt-4.1-mini)." };
        var json = new Option<bool>("--json") { Description = "Print the admin API's JSON instead of a table." };
        var command = new Command("health", "Every deployment's state, statistics and breaker, from a running gateway.") { url, reset, json };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(url)!, parse.GetValue(reset), parse.GetValue(json),
            AdminKey.Resolve(Environment.GetEnvironmentVariable), Console.Out, Console.Error, ct));
        return command;
    }

    public static async Task<int> RunAsync(string url, string? reset, bool json, string? adminKey, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != "http" && baseUri.Scheme != "https"))
        {
            await stderr.WriteLineAsync($"--url: '{url}' is not an absolute http(s) URL.");
            return 2;
        }
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        if (adminKey is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        var path = reset is null
            ? AdminEndpoints.Prefix + "/health"
            : $"{AdminEndpoints.Prefix}/health/{string.Join('/', reset.Split('/').Select(Uri.EscapeDataString))}/reset";
        HttpResponseMessage response;
        try
        {
            response = reset is null ? await http.GetAsync(path, cancellationToken) : await http.PostAsync(path, null, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"No gateway answered at {baseUri}: {ex.Message} Start one with `switchyard serve`, or pass --url.");
            return 1;
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await stderr.WriteLineAsync(Describe(response.StatusCode, body));
                return 1;
            }
            if (json)
            {
                await stdout.WriteLineAsync(body);
                return 0;
            }
            if (reset is not null)
            {
                var one = JsonSerializer.Deserialize(body, HealthJsonContext.Default.DeploymentHealthView)!;
                await stdout.WriteLineAsync($"Reset {one.Deployment}: its breaker is {one.State} and its statistics window is empty.");
                return 0;
            }
            var list = JsonSerializer.Deserialize(body, HealthJsonContext.Default.HealthListView)!;
            await stdout.WriteAsync(Table(list.Data));
            return 0;
        }
    }

    /// <summary>deployment, state, requests, success %, p50/p95/p99 ms, tok/s, last error.</summary>
    public static string Table(IReadOnlyList<DeploymentHealthView> rows)
    {
        var width = Math.Max("deployment".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Deployment.Length));
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{"deployment".PadRight(width)}  {"state",-9} {"requests",8} {"success",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"tok/s",7}  last error");
        foreach (var r in rows)
        {
            var success = r.Requests == 0 ? "-" : (r.SuccessRate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{r.Deployment.PadRight(width)}  {r.State,-9} {r.Requests,8} {success,8} {Ms(r.P50LatencyMs),8} {Ms(r.P95LatencyMs),8} {Ms(r.P99LatencyMs),8} {Rate(r.TokensPerSecond),7}  {LastError(r)}");
        }
        if (rows.Count == 0) text.AppendLine("(no deployments are configured)");
        return text.ToString();
    }

    private static string LastError(DeploymentHealthView r)
    {
        var error = r.LastError ?? (r.LastProbe is { Ok: false } probe ? "probe: " + probe.Error : null);
        if (error is null) return "-";
        error = error.ReplaceLineEndings(" ");
        return error.Length > 80 ? error[..77] + "..." : error;
    }

    private static string Ms(double? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "-";

    private static string Rate(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

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
