using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Core.Config;
using Switchyard.Server.Admin;
using Switchyard.Server.Hosting;

namespace Switchyard.Server.Tests.Admin;

/// <summary>Admin access: the bearer admin key when SWITCHYARD_ADMIN_KEY is set, loopback only when it is not.</summary>
public class AdminAuthTests
{
    private const string Key = "sya-test-admin-key-7f3e";

    private static DefaultHttpContext Request(string? authorization = null, string remote = "127.0.0.1")
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        context.Response.Body = new MemoryStream();
        return context;
    }

    [Fact]
    public void With_a_key_set_only_the_right_bearer_key_passes_from_anywhere()
    {
        var auth = new AdminAuth(Key);
        Assert.True(auth.KeyRequired);
        Assert.Null(auth.Check(Request("Bearer " + Key)));
        Assert.Null(auth.Check(Request("bearer " + Key, remote: "203.0.113.7"))); // the key, not the address, decides

        var wrong = auth.Check(Request("Bearer " + Key + "x"));
        Assert.Equal(401, wrong?.Status);
        Assert.DoesNotContain(Key, wrong!.Message); // never echo the secret
        Assert.Equal(401, auth.Check(Request())?.Status);
        Assert.Equal(401, auth.Check(Request("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + Key))))?.Status);
        Assert.Equal(401, auth.Check(Request("Bearer "))?.Status);
        Assert.Equal(401, auth.Check(Request("Bearer " + Key[..^1]))?.Status);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("203.0.113.7", false)]
    [InlineData("2001:db8::1", false)]
    public void Without_a_key_only_loopback_is_answered(string remote, bool allowed)
    {
        var auth = new AdminAuth(null);
        var refusal = auth.Check(Request(remote: remote));
        if (allowed) Assert.Null(refusal);
        else
        {
            Assert.Equal(403, refusal?.Status);
            Assert.Contains(AdminKey.Variable, refusal!.Message);
        }
    }

    [Fact]
    public void Without_a_key_a_request_with_no_remote_address_is_refused()
    {
        var context = new DefaultHttpContext();
        Assert.Equal(403, new AdminAuth(null).Check(context)?.Status);
    }

    [Fact]
    public async Task The_guard_answers_401_in_the_openai_shape_and_never_runs_the_endpoint()
    {
        var ran = false;
        var guarded = new AdminAuth(Key).Guard(_ => { ran = true; return Task.CompletedTask; });
        var context = Request("Bearer nope");
        await guarded(context);
        Assert.False(ran);
        Assert.Equal(401, context.Response.StatusCode);
        Assert.Equal("Bearer", context.Response.Headers.WWWAuthenticate.ToString());
        await context.Response.BodyWriter.FlushAsync(TestContext.Current.CancellationToken); // as the server does once the pipeline returns
        context.Response.Body.Position = 0;
        using var json = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("authentication_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());

        await guarded(Request("Bearer " + Key));
        Assert.True(ran);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("k", "k")]
    public void The_key_comes_from_SWITCHYARD_ADMIN_KEY_and_blank_means_unset(string? value, string? expected) =>
        Assert.Equal(expected, AdminKey.Resolve(name => name == "SWITCHYARD_ADMIN_KEY" ? value : null));

    [Fact]
    public void Start_up_says_how_the_admin_api_is_protected()
    {
        Assert.Contains("loopback", new AdminAuth(null).Describe());
        Assert.Contains("Bearer", new AdminAuth(Key).Describe());
        Assert.DoesNotContain(Key, new AdminAuth(Key).Describe());
    }

    [Fact]
    public async Task A_gateway_started_with_an_admin_key_requires_it_on_the_admin_api_only()
    {
        // One provider that is never called: explaining a route calls nothing.
        var config = ConfigLoader.Parse("""
            providers:
              unreachable: { kind: openai, base_url: "http://127.0.0.1:1/v1", api_key: sk-unused }
            models:
              gpt-4.1-mini:
                deployments: [{ provider: unreachable }]
            """, "admin test config");
        await using var gateway = await GatewayHost.StartAsync(new GatewayStartOptions(config, "admin test config")
        {
            Urls = "http://127.0.0.1:0",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            Environment = name => name == AdminKey.Variable ? Key : null,
        }, TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        const string body = """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"}]}""";

        async Task<HttpStatusCode> ExplainAs(string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/route/explain") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (key is not null) request.Headers.Authorization = new("Bearer", key);
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await ExplainAs(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await ExplainAs("wrong"));
        Assert.Equal(HttpStatusCode.OK, await ExplainAs(Key));
        using var health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
