using Switchyard.Simulator.Hosting;
using Switchyard.Simulator.Options;

namespace Switchyard.Simulator.Tests.Support;

/// <summary>One simulator on loopback shared by a test class, with clients for each provider.</summary>
public class SimulatorFixture : IAsyncLifetime
{
    public RunningSimulator Simulator { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    protected virtual SimulatorOptions CreateOptions() => new();

    public async ValueTask InitializeAsync()
    {
        Simulator = await SimulatorHost.StartAsync(CreateOptions());
        Http = new HttpClient { BaseAddress = Simulator.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
