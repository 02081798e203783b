using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Switchyard.Core.Runtime;
using Switchyard.Simulator.Hosting;

namespace Switchyard.Server.Hosting;

/// <summary>A started gateway (and the simulator it started, if any).</summary>
public sealed class RunningGateway(WebApplication app, Uri baseAddress, SnapshotHolder snapshots, RunningSimulator? simulator) : IAsyncDisposable
{
    public Uri BaseAddress { get; } = baseAddress;
    /// <summary>BaseAddress + "/v1", as the OpenAI SDKs take it.</summary>
    public Uri OpenAIBaseUrl { get; } = new(baseAddress, "/v1");
    public SnapshotHolder Snapshots { get; } = snapshots;
    public RunningSimulator? Simulator { get; } = simulator;
    public IServiceProvider Services => app.Services;

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (Simulator is not null) await Simulator.DisposeAsync();
    }
}
