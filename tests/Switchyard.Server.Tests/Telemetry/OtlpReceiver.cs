using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchyard.Server.Tests.Telemetry;

/// <summary>
/// A loopback OTLP/HTTP collector: accepts POST /v1/traces and /v1/metrics with protobuf bodies
/// (anything else is refused with 415) and keeps what arrived, decoded by <see cref="OtlpDecoder"/>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    public ConcurrentQueue<byte[]> TraceBodies { get; } = new();
    public ConcurrentQueue<byte[]> MetricBodies { get; } = new();
    public ConcurrentQueue<string> Refused { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;

    private OtlpReceiver(WebApplication app) => this.app = app;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", context => receiver.AcceptAsync(context, receiver.TraceBodies));
        app.MapPost("/v1/metrics", context => receiver.AcceptAsync(context, receiver.MetricBodies));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    private async Task AcceptAsync(HttpContext context, ConcurrentQueue<byte[]> into)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (context.Request.ContentType != "application/x-protobuf" || body.Length == 0)
        {
            Refused.Enqueue($"{context.Request.Path} {context.Request.ContentType} {body.Length} bytes");
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        into.Enqueue(body.ToArray());
        context.Response.ContentType = "application/x-protobuf"; // an empty Export*ServiceResponse: all accepted
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
