using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Server.Admin;

namespace Switchyard.Cli.Commands;

/// <summary>
/// `switchyard keys create|list|revoke`: a client of a running gateway's admin API
/// (POST/GET /admin/v1/keys, DELETE /admin/v1/keys/{id}), sending Authorization: Bearer
/// $SWITCHYARD_ADMIN_KEY when the variable is set. The key is printed once, at creation.
/// </summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Create, list and revoke virtual keys of a running gateway.");
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(RevokeCommand());
        return command;
    }

    private static Option<string> UrlOption() =>
        new("--url") { Description = "The gateway. Default http://127.0.0.1:8400", DefaultValueFactory = _ => "http://127.0.0.1:8400" };

    private static Command CreateCommand()
    {
        var url = UrlOption();
        var project = new Option<string>("--project") { Description = "The project the key belongs to.", Required = true };
        var name = new Option<string?>("--name") { Description = "A label for people." };
        var daily = new Option<decimal?>("--budget-daily") { Description = "USD per UTC day." };
        var monthly = new Option<decimal?>("--budget-monthly") { Description = "USD per UTC month." };
        var total = new Option<decimal?>("--budget-total") { Description = "USD in total." };
        var rpm = new Option<int?>("--rpm") { Description = "Requests per minute (this gateway replica)." };
        var tpm = new Option<int?>("--tpm") { Description = "Tokens per minute (this gateway replica)." };
        var models = new Option<string?>("--models") { Description = "Models and routes the key may use, comma-separated (default: all)." };
        var defaultRoute = new Option<string?>("--default-route") { Description = "The route a request with \"model\": \"default\" uses." };
        var tags = new Option<string?>("--tags") { Description = "Data-policy tags every deployment the key reaches must carry, comma-separated." };
        var maxCost = new Option<decimal?>("--max-cost") { Description = "Largest estimated cost of one request, USD." };
        var expires = new Option<string?>("--expires") { Description = "ISO 8601 time after which the key is refused (e.g. 2026-12-31T00:00:00Z)." };
        var json = new Option<bool>("--json") { Description = "Print the admin API's JSON." };
        var command = new Command("create", "Create a virtual key; it is shown once.")
            { url, project, name, daily, monthly, total, rpm, tpm, models, defaultRoute, tags, maxCost, expires, json };
        command.SetAction((parse, ct) =>
        {
            var body = new Dictionary<string, object?> { ["project"] = parse.GetValue(project) };
            void Set(string field, object? value) { if (value is not null) body[field] = value; }
            Set("name", parse.GetValue(name));
            Set("budget_daily_usd", parse.GetValue(daily));
            Set("budget_monthly_usd", parse.GetValue(monthly));
            Set("budget_total_usd", parse.GetValue(total));
            Set("rpm", parse.GetValue(rpm));
            Set("tpm", parse.GetValue(tpm));
            Set("models", List(parse.GetValue(models)));
            Set("default_route", parse.GetValue(defaultRoute));
            Set("tags", List(parse.GetValue(tags)));
            Set("max_cost_usd", parse.GetValue(maxCost));
            Set("expires_at", parse.GetValue(expires));
            return CreateAsync(parse.GetValue(url)!, body, parse.GetValue(json), AdminKey.Resolve(Environment.GetEnvironmentVariable), Console.Out, Console.Error, ct);
        });
        return command;
    }

    private static Command ListCommand()
    {
        var url = UrlOption();
        var json = new Option<bool>("--json") { Description = "Print the admin API's JSON." };
        var command = new Command("list", "Every virtual key: id, project, status, budgets and today's spend (never the key).") { url, json };
        command.SetAction((parse, ct) => ListAsync(parse.GetValue(url)!, parse.GetValue(json), AdminKey.Resolve(Environment.GetEnvironmentVariable), Console.Out, Console.Error, ct));
        return command;
    }

    private static Command RevokeCommand()
    {
        var url = UrlOption();
        var id = new Argument<string>("id") { Description = "The key's id (the 8 characters after sk-sy-) or the key itself." };
        var command = new Command("revoke", "Revoke a key: refused at once by this gateway, within a second by replicas sharing its store.") { url, id };
        command.SetAction((parse, ct) => RevokeAsync(parse.GetValue(url)!, parse.GetValue(id)!, AdminKey.Resolve(Environment.GetEnvironmentVariable), Console.Out, Console.Error, ct));
        return command;
    }

    public static async Task<int> CreateAsync(string url, Dictionary<string, object?> body, bool json, string? adminKey, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var content = new StringContent(Serialize(body), Encoding.UTF8, "application/json");
        var (ok, text) = await AdminCall.SendAsync(url, HttpMethod.Post, AdminEndpoints.Prefix + "/keys", content, adminKey, stderr, cancellationToken);
        if (!ok) return 1;
        if (json) { await stdout.WriteLineAsync(text); return 0; }
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        await stdout.WriteLineAsync($"Created key {root.GetProperty("id").GetString()} in project {root.GetProperty("project").GetString()}:");
        await stdout.WriteLineAsync();
        await stdout.WriteLineAsync("  " + root.GetProperty("key").GetString());
        await stdout.WriteLineAsync();
        await stdout.WriteLineAsync("Store it now: it is shown only this once (the gateway keeps a salted hash).");
        return 0;
    }

    public static async Task<int> ListAsync(string url, bool json, string? adminKey, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (ok, text) = await AdminCall.SendAsync(url, HttpMethod.Get, AdminEndpoints.Prefix + "/keys", null, adminKey, stderr, cancellationToken);
        if (!ok) return 1;
        if (json) { await stdout.WriteLineAsync(text); return 0; }
        using var doc = JsonDocument.Parse(text);
        var rows = doc.RootElement.GetProperty("data").EnumerateArray().ToList();
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"id",-10} {"project",-16} {"name",-16} {"status",-8} {"daily $",12} {"spent today $",14} {"rpm",6} {"tpm",8}  expires");
        foreach (var r in rows)
        {
            string Num(JsonElement parent, string field) => parent.GetProperty(field) is { ValueKind: JsonValueKind.Number } n ? n.GetRawText() : "-";
            string Str(JsonElement parent, string field) => parent.GetProperty(field).GetString() ?? "-";
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{Str(r, "id"),-10} {Str(r, "project"),-16} {(r.GetProperty("name").GetString() ?? "-"),-16} {Str(r, "status"),-8} " +
                $"{Num(r.GetProperty("budgets"), "daily_usd"),12} {Num(r.GetProperty("spend"), "daily_usd"),14} {Num(r.GetProperty("limits"), "rpm"),6} " +
                $"{Num(r.GetProperty("limits"), "tpm"),8}  {(r.GetProperty("expires_at").GetString() ?? "never")}");
        }
        if (rows.Count == 0) table.AppendLine("(no virtual keys: the gateway is open unless auth.require_keys is set)");
        await stdout.WriteAsync(table.ToString());
        return 0;
    }

    public static async Task<int> RevokeAsync(string url, string id, string? adminKey, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (Switchyard.Core.Keys.VirtualKeySecret.IdOf(id) is { } fromKey) id = fromKey; // a pasted key: send only its id
        var (ok, _) = await AdminCall.SendAsync(url, HttpMethod.Delete, $"{AdminEndpoints.Prefix}/keys/{Uri.EscapeDataString(id)}", null, adminKey, stderr, cancellationToken);
        if (!ok) return 1;
        await stdout.WriteLineAsync($"Revoked key {id}.");
        return 0;
    }

    private static List<string>? List(string? csv) =>
        csv is null ? null : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string Serialize(Dictionary<string, object?> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            foreach (var (name, value) in body)
            {
                switch (value)
                {
                    case string s: w.WriteString(name, s); break;
                    case decimal d: w.WriteNumber(name, d); break;
                    case int i: w.WriteNumber(name, i); break;
                    case List<string> list:
                        w.WriteStartArray(name);
                        foreach (var item in list) w.WriteStringValue(item);
                        w.WriteEndArray();
                        break;
                    default: w.WriteNull(name); break;
                }
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>One call to a running gateway's admin API, with the errors a CLI user needs explained.</summary>
internal static class AdminCall
{
    public static async Task<(bool Ok, string Body)> SendAsync(string url, HttpMethod method, string path, HttpContent? content, string? adminKey,
        TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != "http" && baseUri.Scheme != "https"))
        {
            await stderr.WriteLineAsync($"--url: '{url}' is not an absolute http(s) URL.");
            return (false, "");
        }
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (adminKey is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode) return (true, body);
            await stderr.WriteLineAsync(Describe(response.StatusCode, body));
            return (false, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"No gateway answered at {baseUri}: {ex.Message} Start one with `switchyard serve`, or pass --url.");
            return (false, "");
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
