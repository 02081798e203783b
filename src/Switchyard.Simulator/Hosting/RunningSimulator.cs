using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Switchyard.Simulator.Options;
using Switchyard.Simulator.State;

namespace Switchyard.Simulator.Hosting;

/// <summary>A simulator listening on a real socket. Dispose it to stop it.</summary>
public sealed class RunningSimulator : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;

    internal RunningSimulator(WebApplication app, SimulatorState state, CancellationTokenSource stopping, Uri baseAddress)
    {
        _app = app;
        _stopping = stopping;
        State = state;
        BaseAddress = baseAddress;
        OpenAIBaseUrl = new Uri(baseAddress, "/v1");
    }

    /// <summary>Scheme, host and port, without a path (e.g. <c>http://127.0.0.1:41234/</c>); the Anthropic and Gemini base URL.</summary>
    public Uri BaseAddress { get; }

    /// <summary><see cref="BaseAddress"/> + <c>/v1</c>, as the OpenAI SDKs take it.</summary>
    public Uri OpenAIBaseUrl { get; }

    /// <summary>The live settings; changes apply to the next request.</summary>
    public SimulatorOptions Options => State.Options;

    /// <summary>Statistics and reset.</summary>
    public SimulatorState State { get; }

    public Task WaitForShutdownAsync(CancellationToken ct) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        // End hanging and paced requests first, so the host need not wait for them.
        await _stopping.CancelAsync();
        using (var timeout = new CancellationTokenSource(StopTimeout))
        {
            await _app.StopAsync(timeout.Token);
        }
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
