using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Keys;

/// <summary>
/// A real `switchyard serve` process given three secrets (a provider key through the environment, the
/// admin key, a virtual key it creates): after traffic of every kind (answers, streams, 401, 403, 429,
/// admin reads and changes, revocation), nothing it wrote contains any of them: not its console
/// output, not a byte of its data folder (keys, request log with bodies on, WAL files), not a
/// response (except the one POST that creates the key and shows it once).
/// </summary>
public class SecretsNeverWrittenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_secret_appears_in_logs_storage_or_responses()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sy-secrets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        const string providerKey = "sk-provider-SECRET-9f8e7d6c5b4a";
        const string adminKey = "sya-admin-SECRET-1a2b3c4d5e";
        var port = CliProcess.FreePort();
        await File.WriteAllTextAsync(Path.Combine(dir, "switchyard.yaml"), $$"""
            server: { data_dir: {{dir}}/data }
            providers:
              sim: { kind: openai, base_url: simulator, api_key: "env:SY_TEST_PROVIDER_KEY" }
            models:
              gpt-4.1-mini:
                deployments: [{ provider: sim, input_price_per_million: 0.40, output_price_per_million: 1.60 }]
              gpt-4.1:
                deployments: [{ provider: sim, input_price_per_million: 2.00, output_price_per_million: 8.00 }]
            health_checks: { enabled: false }
            request_log: { bodies: true, flush_interval_ms: 0 }
            """, Ct);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "switchyard.dll"));
        foreach (var a in new[] { "serve", "--config", "switchyard.yaml", "--urls", $"http://127.0.0.1:{port}" }) info.ArgumentList.Add(a);
        info.Environment["SY_TEST_PROVIDER_KEY"] = providerKey;
        info.Environment["SWITCHYARD_ADMIN_KEY"] = adminKey;
        info.Environment["Logging__LogLevel__Default"] = "Debug";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var responses = new StringBuilder();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var until = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try { if ((await http.GetAsync("/health", Ct)).IsSuccessStatusCode) break; }
                catch (HttpRequestException) { }
                Assert.True(DateTime.UtcNow < until && !process.HasExited, "the gateway did not start: " + output);
                await Task.Delay(100, Ct);
            }

            async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? body, string? bearer, bool record = true)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
                if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                var response = await http.SendAsync(request, Ct);
                var text = await response.Content.ReadAsStringAsync(Ct);
                if (record) responses.AppendLine(response.ToString()).AppendLine(response.Headers.ToString()).AppendLine(text);
                return response;
            }
            const string chat = """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"Hello there."}]}""";

            var created = await Send(HttpMethod.Post, "/admin/v1/keys", """{"project":"shop","models":["gpt-4.1-mini"],"budget_daily_usd":0.001}""", adminKey, record: false);
            using var doc = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct));
            var virtualKey = doc.RootElement.GetProperty("key").GetString()!;
            var id = doc.RootElement.GetProperty("id").GetString()!;

            Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, "/v1/chat/completions", chat, virtualKey)).StatusCode);
            await Send(HttpMethod.Post, "/v1/chat/completions", chat.Replace("}]}", "}],\"stream\":true}"), virtualKey);
            Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, "/v1/chat/completions", chat.Replace("gpt-4.1-mini", "gpt-4.1"), virtualKey)).StatusCode);
            for (var i = 0; i < 6; i++) await Send(HttpMethod.Post, "/v1/chat/completions", chat, virtualKey); // into the budget's 429
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, "/v1/chat/completions", chat, virtualKey + "x")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, "/v1/chat/completions", chat, providerKey)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, "/v1/chat/completions", chat, adminKey)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/admin/v1/keys", null, virtualKey)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/admin/v1/keys", null, adminKey)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, $"/admin/v1/keys/{id}", null, adminKey)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Patch, $"/admin/v1/keys/{id}", """{"rpm":100}""", adminKey)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/admin/v1/projects", null, adminKey)).StatusCode);
            await Send(HttpMethod.Get, "/admin/v1/health", null, adminKey);
            await Send(HttpMethod.Post, "/admin/v1/route/explain", chat, adminKey);
            Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Delete, $"/admin/v1/keys/{id}", null, adminKey)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, "/v1/chat/completions", chat, virtualKey)).StatusCode);
            await Send(HttpMethod.Get, "/metrics", null, null);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync(Ct);
            await process.WaitForExitAsync(Ct);

            var written = new StringBuilder(output.ToString()).AppendLine(responses.ToString());
            foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("switchyard.yaml", StringComparison.Ordinal)))
                written.AppendLine(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file, Ct)));
            var everything = written.ToString();
            Assert.Contains(id, everything); // the key's public id is written (logs, request log); the secret is not
            foreach (var (name, secret) in new[] { ("provider key", providerKey), ("admin key", adminKey), ("virtual key", virtualKey) })
            {
                Assert.False(everything.Contains(secret, StringComparison.Ordinal), $"the {name} was written");
                Assert.False(everything.Contains(secret[^16..], StringComparison.Ordinal), $"part of the {name} was written");
            }
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
