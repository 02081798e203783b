using Switchyard.Core.Execution;
using Switchyard.Core.Health;
using Switchyard.Core.Routing;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Tests.Execution;

/// <summary>An executor over a scripted upstream, a real health registry and a seeded random source, all on fake time.</summary>
internal sealed class ExecutorHarness
{
    public static readonly Deployment A = ScriptedAdapter.Deployment("pa", "model-a");
    public static readonly Deployment B = ScriptedAdapter.Deployment("pb", "model-b");

    public ExecutorHarness(ResilienceSettings? settings = null, int seed = 1)
    {
        Settings = settings ?? ResilienceSettings.Default;
        Time = new FakeTimeProvider();
        Upstream = new ScriptedAdapter(Time);
        Health = new HealthRegistry(() => Settings.Health, Time);
        Executor = new ChatExecutor(new ProviderAdapterRegistry([Upstream]), Health, Health, new SeededRandom(seed), Time);
    }

    public ResilienceSettings Settings { get; }
    public FakeTimeProvider Time { get; }
    public ScriptedAdapter Upstream { get; }
    public HealthRegistry Health { get; }
    public ChatExecutor Executor { get; }
    public ExecutionTrace Trace { get; } = new();

    public ExecutionLimits Limits(TimeSpan? deadline = null) =>
        new(Settings, deadline is { } d ? Time.GetUtcNow() + d : DateTimeOffset.MaxValue);

    public Task<(Core.Chat.ChatCompletion Completion, UpstreamCall Call)> Complete(params Deployment[] plan) => Complete(plan, null);

    public Task<(Core.Chat.ChatCompletion Completion, UpstreamCall Call)> Complete(Deployment[] plan, TimeSpan? deadline) => CompleteCancellable(plan, deadline, CancellationToken.None);

    public Task<(Core.Chat.ChatCompletion Completion, UpstreamCall Call)> CompleteCancellable(Deployment[] plan, TimeSpan? deadline, CancellationToken token) =>
        Time.RunAsync(Executor.CompleteAsync(plan, ScriptedAdapter.Request(), Trace, Limits(deadline), token));

    public Task<StreamStart> Stream(params Deployment[] plan) =>
        Time.RunAsync(Executor.StartStreamAsync(plan, ScriptedAdapter.Request(), Trace, Limits(), default));

    public static UpstreamException Error(UpstreamErrorKind kind, int? status = null, TimeSpan? retryAfter = null) =>
        new(kind, $"{kind} {status}", status, retryAfter);

    public string[] Outcomes => Trace.Attempts.Select(a => $"{a.DeploymentId}:{a.Outcome}").ToArray();
}
