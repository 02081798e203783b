using System.Net;
using System.Text;
using System.Text.Json;
using static Switchyard.Server.Tests.Keys.KeyTestGateway;

namespace Switchyard.Server.Tests.Keys;

/// <summary>
/// PATCH/DELETE /admin/v1/routes/{route}/policy: a route's policy params and A/B split changed at
/// runtime show in the next decisions, are refused whole when a value is bad (400 with path and
/// reason), need the admin key, and are still in force after a restart on the same data folder.
/// </summary>
public sealed class RoutePolicyChangeTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string dir = NewDataDir();

    /// <summary>A gateway on this test's data folder (deleted after the test).</summary>
    private Task<KeyTestGateway> StartAsync() => KeyTestGateway.StartAsync(Yaml(dir), dir);

    public void Dispose()
    {
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    /// <summary>Route "ab": arm A is fixed (gpt-4.1-mini first), arm B weighted all on gpt-4.1; the split starts at 0%.</summary>
    internal static string Yaml(string dir) => KeyTestGateway.Yaml(dir).Replace("\nhealth_checks:", """

          ab:
            models: [gpt-4.1-mini, gpt-4.1]
            policy: fixed
            session_affinity: false
            split: { percent: 0, by: request, policy: weighted, params: { weights: { gpt-4.1-mini: 0, gpt-4.1: 1 } } }
        health_checks:
        """);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> AnsweredByAsync(KeyTestGateway g, string route)
    {
        using var response = await ChatAsync(g.Http, null, route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("x-switchyard-model").Single();
    }

    private static async Task<JsonElement> RouteViewAsync(KeyTestGateway g, string route)
    {
        using var response = await g.Admin.GetAsync("/admin/v1/routes", Ct);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.GetProperty("data").EnumerateArray().Single(r => r.GetProperty("route").GetString() == route).Clone();
    }

    private static async Task<string?> ExplainedArmAsync(KeyTestGateway g, string route)
    {
        using var response = await g.Admin.PostAsync("/admin/v1/route/explain",
            Json($$"""{"model":"{{route}}","messages":[{"role":"user","content":"Say hello."}]}"""), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.TryGetProperty("arm", out var arm) ? arm.GetString() : null;
    }

    [Fact]
    public async Task A_split_percentage_and_a_params_change_show_in_the_next_decisions_and_after_a_restart()
    {
        await using (var g = await StartAsync())
        {
            for (var i = 0; i < 3; i++) Assert.Equal("gpt-4.1-mini", await AnsweredByAsync(g, "ab")); // 0% to arm B
            Assert.Equal("A", await ExplainedArmAsync(g, "ab"));

            using (var set = await g.Admin.PatchAsync("/admin/v1/routes/ab/policy", Json("""{"split":{"percent":100}}"""), Ct))
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            for (var i = 0; i < 5; i++) Assert.Equal("gpt-4.1", await AnsweredByAsync(g, "ab"));
            Assert.Equal("B", await ExplainedArmAsync(g, "ab"));
            var view = await RouteViewAsync(g, "ab");
            Assert.True(view.GetProperty("policy_overridden").GetBoolean());
            Assert.Equal(100, view.GetProperty("split").GetProperty("percent").GetDouble());
            Assert.Equal("weighted", view.GetProperty("split").GetProperty("policy").GetString()); // the rest of the split kept

            // A policy's own params: the weighted route "split" moves all its traffic to the other model.
            Assert.Equal("gpt-4.1-mini", await AnsweredByAsync(g, "split"));
            using (var weights = await g.Admin.PatchAsync("/admin/v1/routes/split/policy",
                       Json("""{"params":{"weights":{"gpt-4.1-mini":0,"gpt-4.1":2}}}"""), Ct))
                Assert.Equal(HttpStatusCode.OK, weights.StatusCode);
            for (var i = 0; i < 5; i++) Assert.Equal("gpt-4.1", await AnsweredByAsync(g, "split"));
        }
        await using (var restarted = await StartAsync()) // same data folder, same config
        {
            for (var i = 0; i < 5; i++) Assert.Equal("gpt-4.1", await AnsweredByAsync(restarted, "ab"));
            for (var i = 0; i < 5; i++) Assert.Equal("gpt-4.1", await AnsweredByAsync(restarted, "split"));
            Assert.True((await RouteViewAsync(restarted, "ab")).GetProperty("policy_overridden").GetBoolean());

            using (var clear = await restarted.Admin.DeleteAsync("/admin/v1/routes/ab/policy", Ct)) Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
            Assert.Equal("gpt-4.1-mini", await AnsweredByAsync(restarted, "ab")); // the file's 0% again
            Assert.False((await RouteViewAsync(restarted, "ab")).GetProperty("policy_overridden").GetBoolean());
        }
    }

    [Theory]
    [InlineData("ab", """{"split":{"percent":150}}""", "routes.ab.split.percent: must be 0-100")]
    [InlineData("ab", """{"split":{"by":"user"}}""", "routes.ab.split.by: must be \"session\" or \"request\"")]
    [InlineData("ab", """{"policy":"no-such"}""", "routes.ab.policy: unknown policy 'no-such'")]
    [InlineData("split", """{"params":{"weights":{"gpt-4.1":-1}}}""", "routes.split.params.weights.gpt-4.1: '\"-1\"' is not a number between 0 and 1000000")]
    [InlineData("split", """{"params":{"speed":3}}""", "routes.split.params.speed: unknown parameter for policy")]
    [InlineData("ab", """{"policy":"cheapest-capable","params":{"escalate_below_confidence":2}}""", "routes.ab.params.escalate_below_confidence:")]
    public async Task A_bad_value_is_refused_with_its_path_and_reason_and_nothing_changes(string route, string body, string problem)
    {
        await using var g = await StartAsync();
        var before = await RouteViewAsync(g, route);
        using var response = await g.Admin.PatchAsync($"/admin/v1/routes/{route}/policy", Json(body), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(text);
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal("invalid_policy", error.GetProperty("code").GetString());
        Assert.Contains(problem, error.GetProperty("message").GetString());
        Assert.StartsWith($"routes.{route}.", error.GetProperty("param").GetString());
        Assert.Equal(before.ToString(), (await RouteViewAsync(g, route)).ToString());
        Assert.Equal("gpt-4.1-mini", await AnsweredByAsync(g, route));
    }

    [Theory]
    [InlineData("""{"speed":1}""", "speed")]
    [InlineData("""{"params":[1]}""", "params")]
    [InlineData("""{"split":{"percent":"all"}}""", "split.percent")]
    [InlineData("[]", null)]
    public async Task A_malformed_body_is_a_400_naming_the_field(string body, string? field)
    {
        await using var g = await StartAsync();
        using var response = await g.Admin.PatchAsync("/admin/v1/routes/ab/policy", Json(body), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        if (field is not null) Assert.Equal(field, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Only_routes_of_the_config_file_take_a_policy_and_the_admin_key_is_required()
    {
        await using var g = await StartAsync();
        using (var model = await g.Admin.PatchAsync("/admin/v1/routes/gpt-4.1/policy", Json("""{"policy":"fixed"}"""), Ct))
            Assert.Equal(HttpStatusCode.NotFound, model.StatusCode);
        using (var anonymous = await g.Http.PatchAsync("/admin/v1/routes/ab/policy", Json("""{"split":{"percent":100}}"""), Ct))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Delete, "/admin/v1/routes/ab/policy");
        wrong.Headers.Authorization = new("Bearer", "not-the-admin-key");
        using (var refused = await g.Http.SendAsync(wrong, Ct)) Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.False((await RouteViewAsync(g, "ab")).GetProperty("policy_overridden").GetBoolean());
        Assert.Equal("gpt-4.1-mini", await AnsweredByAsync(g, "ab"));
    }

    [Fact]
    public async Task A_config_file_reload_keeps_the_runtime_policy()
    {
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "switchyard.yaml");
        var yaml = Yaml(dir);
        await File.WriteAllTextAsync(file, yaml, Ct);
        await using var g = await KeyTestGateway.StartAsync(yaml, dir, configSource: file);
        var reload = (Config.ConfigReloadService)g.Gateway.Services.GetService(typeof(Config.ConfigReloadService))!;
        using (var set = await g.Admin.PatchAsync("/admin/v1/routes/ab/policy", Json("""{"split":{"percent":100}}"""), Ct))
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        await File.WriteAllTextAsync(file, yaml.Replace("\nroutes:",
            "\n  gpt-4o-mini:\n    deployments: [{ provider: sim, input_price_per_million: 0.15, output_price_per_million: 0.60 }]\nroutes:"), Ct);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30); // generous: file watching is slow on a loaded machine
        while (reload.Applied < 1)
        {
            Assert.True(DateTime.UtcNow < until, "the reload never happened");
            await Task.Delay(50, Ct);
        }
        using (var added = await ChatAsync(g.Http, null, "gpt-4o-mini")) Assert.Equal(HttpStatusCode.OK, added.StatusCode); // the new file is in force
        for (var i = 0; i < 5; i++) Assert.Equal("gpt-4.1", await AnsweredByAsync(g, "ab"));             // and the runtime split over it
    }

    [Fact]
    public async Task A_change_made_through_one_replica_reaches_another_sharing_the_store_within_a_sync_round()
    {
        var connectionString = await KeyTestPostgres.FreshSchemaAsync();
        var env = new Dictionary<string, string> { ["KEYS_PG"] = connectionString };
        var other = NewDataDir();
        try
        {
            var yamlA = Yaml(dir) + "\nauth: { postgres: \"env:KEYS_PG\" }\n";
            var yamlB = Yaml(other) + "\nauth: { postgres: \"env:KEYS_PG\" }\n";
            await using var a = await KeyTestGateway.StartAsync(yamlA, dir, environment: env);
            await using var b = await KeyTestGateway.StartAsync(yamlB, other, environment: env);
            Assert.Equal("gpt-4.1-mini", await AnsweredByAsync(b, "ab"));

            using (var set = await a.Admin.PatchAsync("/admin/v1/routes/ab/policy", Json("""{"split":{"percent":100}}"""), Ct))
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(5); // one round is 0.5 s; generous for a loaded machine
            while (await AnsweredByAsync(b, "ab") != "gpt-4.1")
            {
                Assert.True(DateTime.UtcNow < until, "replica B never applied the change");
                await Task.Delay(20, Ct);
            }
            Assert.True((await RouteViewAsync(b, "ab")).GetProperty("policy_overridden").GetBoolean());
        }
        finally
        {
            try { Directory.Delete(other, true); } catch (IOException) { }
        }
    }
}
