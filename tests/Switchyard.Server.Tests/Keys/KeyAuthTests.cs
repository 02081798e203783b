using System.Net;
using System.Text;
using static Switchyard.Server.Tests.Keys.KeyTestGateway;

namespace Switchyard.Server.Tests.Keys;

/// <summary>DESIGN.md's access rule, the admin API's protection, and per-key policy, through a real gateway.</summary>
public class KeyAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_until_a_key_exists_then_only_live_keys_pass_and_a_revoked_key_stops_at_once()
    {
        await using var g = await StartAsync();
        using (var open = await ChatAsync(g.Http, "sk-anything-the-sdk-sends")) Assert.Equal(HttpStatusCode.OK, open.StatusCode);

        var (id, key) = await g.CreateKeyAsync();
        using (var none = await ChatAsync(g.Http, null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("invalid_api_key", await ErrorCodeAsync(none));
        }
        using (var wrong = await ChatAsync(g.Http, key[..^2] + "zz"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.DoesNotContain(key[..^2], await wrong.Content.ReadAsStringAsync(Ct));
        }
        using (var ok = await ChatAsync(g.Http, key)) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var models = await g.Http.GetAsync("/v1/models", Ct)) Assert.Equal(HttpStatusCode.Unauthorized, models.StatusCode);

        using (var revoke = await g.Admin.DeleteAsync($"/admin/v1/keys/{id}", Ct)) Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using (var after = await ChatAsync(g.Http, key))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
            Assert.Contains("revoked", await after.Content.ReadAsStringAsync(Ct));
        }
        using (var health = await g.Http.GetAsync("/health", Ct)) Assert.Equal(HttpStatusCode.OK, health.StatusCode); // not under /v1
    }

    [Fact]
    public async Task Require_keys_refuses_before_any_key_exists_and_a_too_large_body_gets_413_before_401()
    {
        var dir = NewDataDir();
        await using var g = await StartAsync(Yaml(dir, "auth: { require_keys: true }").Replace("server:\n", "server:\n  max_request_body_bytes: 1000\n"), dir);
        using (var none = await ChatAsync(g.Http, null)) Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        var big = new string('x', 5000);
        using var tooLarge = await g.Http.PostAsync("/v1/chat/completions", new StringContent($$"""{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"{{big}}"}]}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task An_expired_key_is_refused()
    {
        await using var g = await StartAsync();
        var (id, key) = await g.CreateKeyAsync("""{"project":"shop","expires_at":"2099-01-01T00:00:00Z"}""");
        using (var ok = await ChatAsync(g.Http, key)) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var patch = await g.Admin.PatchAsync($"/admin/v1/keys/{id}", new StringContent("""{"expires_at":"2001-01-01T00:00:00Z"}"""), Ct))
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        using var expired = await ChatAsync(g.Http, key);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-admin-key")]
    [InlineData("Basic c3lhOmFkbWlu")]
    public async Task Admin_endpoints_refuse_missing_and_wrong_admin_keys(string? authorization)
    {
        await using var g = await StartAsync();
        using var http = new HttpClient { BaseAddress = g.Gateway.BaseAddress };
        if (authorization is not null) http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        var requests = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Post, "/admin/v1/keys", """{"project":"x"}"""), (HttpMethod.Get, "/admin/v1/keys", null), (HttpMethod.Get, "/admin/v1/keys/abcd1234", null),
            (HttpMethod.Patch, "/admin/v1/keys/abcd1234", "{}"), (HttpMethod.Delete, "/admin/v1/keys/abcd1234", null),
            (HttpMethod.Get, "/admin/v1/projects", null), (HttpMethod.Patch, "/admin/v1/projects/x", "{}"), (HttpMethod.Get, "/admin/v1/routes", null),
            (HttpMethod.Patch, "/admin/v1/routes/split/weights", """{"gpt-4.1":1}"""), (HttpMethod.Post, "/admin/v1/models/gpt-4.1/disable", null),
        };
        foreach (var (method, path, body) in requests)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
        }
        using var keys = await g.Admin.GetAsync("/admin/v1/keys", Ct);
        Assert.Equal("[]", System.Text.Json.JsonDocument.Parse(await keys.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("data").GetRawText());
        using var routes = await g.Admin.GetAsync("/admin/v1/routes", Ct);
        Assert.DoesNotContain("\"gpt-4.1\": 1", await routes.Content.ReadAsStringAsync(Ct)); // the refused weight change did not happen
    }

    [Fact]
    public async Task A_keys_policy_allows_models_maps_default_and_a_client_cannot_redirect_the_upstream()
    {
        await using var g = await StartAsync();
        var (_, key) = await g.CreateKeyAsync("""{"project":"shop","models":["split","gpt-4.1-mini"],"default_route":"split"}""");
        using (var denied = await ChatAsync(g.Http, key, "gpt-4.1"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Equal("model_not_allowed", await ErrorCodeAsync(denied));
        }
        using (var unknown = await ChatAsync(g.Http, key, "no-such-model")) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode); // 404 before 403
        using (var byDefault = await ChatAsync(g.Http, key, "default"))
        {
            Assert.Equal(HttpStatusCode.OK, byDefault.StatusCode);
            Assert.Equal("split", byDefault.Headers.GetValues("x-switchyard-route").Single());
        }
        // A base_url (or api_base) in the body is not a gateway feature: the configured provider still answers.
        using var redirected = await ChatAsync(g.Http, key, "gpt-4.1-mini", ""","base_url":"http://127.0.0.1:1/v1","api_base":"http://127.0.0.1:1/v1" """);
        Assert.Equal(HttpStatusCode.OK, redirected.StatusCode);
        Assert.Equal("sim", redirected.Headers.GetValues("x-switchyard-provider").Single());
    }

    [Fact]
    public async Task A_keys_forced_tags_and_max_cost_reach_routing()
    {
        await using var g = await StartAsync();
        var (_, tagged) = await g.CreateKeyAsync("""{"project":"hr","tags":["no-such-tag"]}""");
        using (var none = await ChatAsync(g.Http, tagged)) Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        var (_, cheap) = await g.CreateKeyAsync("""{"project":"hr","max_cost_usd":0.0000001}""");
        using var tooDear = await ChatAsync(g.Http, cheap);
        Assert.Equal(HttpStatusCode.BadRequest, tooDear.StatusCode);
        Assert.Contains("max_cost_usd", await tooDear.Content.ReadAsStringAsync(Ct));
    }
}
