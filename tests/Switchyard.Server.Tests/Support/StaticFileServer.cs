using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchyard.Server.Tests.Support;

/// <summary>A loopback HTTP server answering fixed paths with fixed bodies (price feeds and the like).</summary>
public sealed class StaticFileServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private StaticFileServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static Task<StaticFileServer> StartAsync(IReadOnlyDictionary<string, string> bodies) => StartAsync(app =>
    {
        foreach (var (path, body) in bodies)
            app.MapGet(path, (HttpContext c) => { c.Response.ContentType = "application/json"; return c.Response.WriteAsync(body); });
    });

    /// <summary>A loopback server answering what <paramref name="map"/> maps (any method, any answer).</summary>
    public static async Task<StaticFileServer> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StaticFileServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
