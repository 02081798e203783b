using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Simulator.Options;
using Switchyard.Simulator.State;

namespace Switchyard.Simulator.Hosting;

public static class SimulatorHost
{
    /// <summary>
    /// Starts the simulator on Kestrel and returns once it listens. The default URL binds an
    /// ephemeral loopback port (read it from <see cref="RunningSimulator.BaseAddress"/>);
    /// "localhost" cannot take port 0, use 127.0.0.1.
    /// </summary>
    public static async Task<RunningSimulator> StartAsync(SimulatorOptions? options = null, string url = "http://127.0.0.1:0", CancellationToken ct = default)
    {
        options ??= new SimulatorOptions();
        // An empty builder: no appsettings.json or environment configuration from the host
        // process (the gateway's Kestrel endpoints must not leak into the simulator).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MinResponseDataRate = null; // slow token rates are the point
        });
        builder.WebHost.UseUrls(url);
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging(logging => logging.AddConsole().SetMinimumLevel(options.MinimumLogLevel));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        var state = new SimulatorState(options) { Stopping = stopping.Token };
        app.MapSimulator(state);
        await app.StartAsync(ct);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningSimulator(app, state, stopping, new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)));
    }
}
