using System.Runtime.ExceptionServices;
using Polly;
using Polly.Retry;
using Switchyard.Core.Routing;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Execution;

/// <summary>What the retry strategy reads and writes between one deployment's attempts.</summary>
internal interface IRunState
{
    ExecutionLimits Limits { get; }
    TimeSpan NextDelay { get; set; }
}

/// <summary>One deployment's share of a plan: its attempt and the last failure its attempts saw.</summary>
internal sealed class DeploymentRun<T>(Runtime.Deployment deployment, Func<Runtime.Deployment, CancellationToken, Task<T>> attempt) : IRunState
{
    public Runtime.Deployment Deployment { get; } = deployment;
    public UpstreamException? LastError { get; set; }
    /// <summary>The wait <see cref="RetryRules.Delay"/> chose for the next retry.</summary>
    public TimeSpan NextDelay { get; set; }
    public ExecutionLimits Limits { get; set; }

    public async ValueTask<T> AttemptAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await attempt(Deployment, cancellationToken).ConfigureAwait(false);
        }
        catch (UpstreamException ex)
        {
            LastError = ex;
            throw;
        }
    }
}

/// <summary>
/// Retries at one deployment, on Polly.Core's retry strategy: Polly runs the loop and the waits (on
/// our <see cref="TimeProvider"/>, cancelled with the request); which failure is retried and how
/// long to wait are ours (<see cref="RetryRules"/>: full jitter from our random source, Retry-After
/// honoured up to the cap, never past the deadline). One pipeline per settings object.
/// </summary>
/// <remarks>
/// The first attempt runs before the pipeline, and the pipeline only takes over after a failure worth
/// retrying (with retries numbered from 1): most calls succeed at once, and going through the
/// pipeline's layers cost each of them four async state machines and ~1 KB (bench/RESULTS.md).
/// </remarks>
internal sealed class RetryPipelines(IRandomSource random, TimeProvider time)
{
    private static readonly ResiliencePropertyKey<object> RunKey = new("switchyard.run");
    private (ResilienceSettings Settings, ResiliencePipeline Pipeline)? cached;

    public async Task<T> ExecuteAsync<T>(DeploymentRun<T> run, ExecutionLimits limits, CancellationToken cancellationToken)
    {
        run.Limits = limits;
        UpstreamException failure;
        try
        {
            return await run.AttemptAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (UpstreamException ex)
        {
            failure = ex;
        }
        if (!ShouldRetry(failure, 0, run)) ExceptionDispatchInfo.Throw(failure); // as thrown, with its own stack
        await Task.Delay(run.NextDelay, time, cancellationToken).ConfigureAwait(false);

        var pipeline = AfterFirstFailure(limits.Settings);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RunKey, run);
        try
        {
            return await pipeline.ExecuteAsync(static (ctx, r) => r.AttemptAsync(ctx.CancellationToken), context, run).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The retries left once the first attempt has failed and its wait is over: one attempt, then up to MaxRetries - 1 retries.</summary>
    private ResiliencePipeline AfterFirstFailure(ResilienceSettings settings)
    {
        var current = cached;
        if (current is { } c && ReferenceEquals(c.Settings, settings)) return c.Pipeline;
        var pipeline = settings.MaxRetries <= 1 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries - 1,
                // Polly numbers this pipeline's attempts from 0; the first attempt of the deployment ran before it.
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.AttemptNumber + 1, Run(args.Context))),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Run(args.Context).NextDelay),
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
            })
            .Build();
        cached = (settings, pipeline);
        return pipeline;
    }

    /// <summary>Whether the attempt numbered <paramref name="attemptNumber"/> (0 for the first) is retried; if so its wait is in <see cref="IRunState.NextDelay"/>.</summary>
    private bool ShouldRetry(Exception? exception, int attemptNumber, IRunState run)
    {
        if (exception is not UpstreamException ex) return false; // success, cancellation, an open breaker
        var delay = RetryRules.Delay(ex, attemptNumber, run.Limits.Settings, time.GetUtcNow(), run.Limits.Deadline, random);
        if (delay is not { } wait) return false;
        run.NextDelay = wait;
        return true;
    }

    private static IRunState Run(ResilienceContext context) => (IRunState)context.Properties.GetValue(RunKey, null!);
}
