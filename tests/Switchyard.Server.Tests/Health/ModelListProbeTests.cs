using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Catalog;
using Switchyard.Core.Health.Probes;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;
using Switchyard.Server.Health;

namespace Switchyard.Server.Tests.Health;

/// <summary>The model-list probe of each wire format: the URL, the provider's own auth headers, and failures that never show the key.</summary>
public class ModelListProbeTests
{
    private static readonly CatalogModel Model = CatalogLoader.LoadBuiltin().Find("gpt-4o-mini")!;

    [Theory]
    [InlineData("openai", "/v1", "/v1/models", "authorization", "Bearer sk-probe")]
    [InlineData("anthropic", "", "/v1/models?limit=1", "x-api-key", "sk-probe")]
    [InlineData("gemini", "", "/v1beta/models?pageSize=1", "x-goog-api-key", "sk-probe")]
    public async Task Each_wire_lists_its_models_with_its_own_credentials(string kind, string basePath, string expectedPath, string header, string value)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var upstream = await RecordingUpstream.StartAsync(200);
        using var http = new HttpClient();
        await new ModelListProbe(http).ProbeAsync(Deployment(kind, new Uri(upstream.BaseAddress, basePath)), ct);
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("GET " + expectedPath, seen.Line);
        Assert.Equal(value, seen.Headers[header]);
        Assert.Equal("probe-value", seen.Headers["x-extra"]);
        if (kind == "anthropic") Assert.Equal("2023-06-01", seen.Headers["anthropic-version"]);
    }

    [Fact]
    public async Task A_refused_key_fails_the_probe_without_showing_the_key()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var upstream = await RecordingUpstream.StartAsync(401);
        using var http = new HttpClient();
        var prober = new DeploymentProber(new ModelListProbe(http), new GenerativeProbe(new ProviderAdapterRegistry([])), TimeProvider.System);
        var result = await prober.ProbeAsync(Deployment("openai", new Uri(upstream.BaseAddress, "/v1")), ProbeMode.Models, TimeSpan.FromSeconds(5), ct);
        Assert.False(result.Ok);
        Assert.Equal(ProbeKind.ModelList, result.Kind);
        Assert.Contains("probe-provider", result.Error);
        Assert.DoesNotContain("sk-probe", result.Error);
    }

    [Fact]
    public async Task An_unreachable_provider_fails_the_probe()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient();
        var prober = new DeploymentProber(new ModelListProbe(http), new GenerativeProbe(new ProviderAdapterRegistry([])), TimeProvider.System);
        var port = Support.CliProcess.FreePort();
        var result = await prober.ProbeAsync(Deployment("openai", new Uri($"http://127.0.0.1:{port}/v1")), ProbeMode.Auto, TimeSpan.FromSeconds(5), ct);
        Assert.False(result.Ok);
        Assert.Contains("Could not reach provider 'probe-provider'", result.Error);
    }

    [Theory]
    [InlineData(ProbeMode.Auto, false, "openai", "gpt-4o-mini", ProbeKind.ModelList)]
    [InlineData(ProbeMode.Auto, true, "openai", "gpt-4o-mini", ProbeKind.Completion)]
    [InlineData(ProbeMode.Auto, true, "openai", "text-embedding-3-small", ProbeKind.Embedding)]
    [InlineData(ProbeMode.Models, true, "openai", "gpt-4o-mini", ProbeKind.ModelList)]
    [InlineData(ProbeMode.Models, true, "anthropic", "claude-haiku-4-5", ProbeKind.Completion)]
    [InlineData(ProbeMode.Models, true, "gemini", "gemini-2.5-flash", ProbeKind.Completion)]
    [InlineData(ProbeMode.Models, false, "gemini", "gemini-2.5-flash", ProbeKind.ModelList)]
    [InlineData(ProbeMode.Completion, false, "anthropic", "claude-haiku-4-5", ProbeKind.Completion)]
    [InlineData(ProbeMode.Completion, false, "gemini", "gemini-embedding-001", ProbeKind.Embedding)]
    public void The_probe_follows_the_mode_the_wire_and_the_model(ProbeMode mode, bool simulated, string kind, string upstreamModel, ProbeKind expected)
    {
        var deployment = Deployment(kind, new Uri("http://127.0.0.1:9/")) with { UpstreamModel = upstreamModel, Simulated = simulated };
        Assert.Equal(expected, ProbeKinds.For(deployment, mode));
    }

    private static Deployment Deployment(string kind, Uri baseUrl) =>
        new("probe-provider/gpt-4o-mini", "gpt-4o-mini",
            new ProviderEndpoint("probe-provider", kind, baseUrl, "sk-probe", new Dictionary<string, string> { ["x-extra"] = "probe-value" }),
            "gpt-4o-mini", Model, null, false);

    private sealed record SeenRequest(string Line, Dictionary<string, string> Headers);

    /// <summary>A loopback upstream that records each request and answers with a fixed status.</summary>
    private sealed class RecordingUpstream : IAsyncDisposable
    {
        private readonly WebApplication app;
        public ConcurrentQueue<SeenRequest> Requests { get; } = new();
        public Uri BaseAddress { get; private set; } = null!;

        private RecordingUpstream(WebApplication app) => this.app = app;

        public static async Task<RecordingUpstream> StartAsync(int status)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var upstream = new RecordingUpstream(builder.Build());
            upstream.app.Run(async context =>
            {
                upstream.Requests.Enqueue(new SeenRequest($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}",
                    context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString())));
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(status == 200 ? """{"object":"list","data":[]}""" : """{"error":{"message":"Incorrect API key provided: sk-p***","type":"invalid_request_error"}}""");
            });
            await upstream.app.StartAsync();
            upstream.BaseAddress = new Uri(upstream.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return upstream;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
