using Switchyard.Core.Health.Probes;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;

namespace Switchyard.Server.Health;

/// <summary>Runs one deployment's probe within a timeout and turns every ending into a <see cref="ProbeResult"/>.</summary>
public sealed class DeploymentProber(ModelListProbe models, GenerativeProbe generative, TimeProvider time)
{
    public async Task<ProbeResult> ProbeAsync(Deployment deployment, ProbeMode mode, TimeSpan timeout, CancellationToken stopping)
    {
        var kind = ProbeKinds.For(deployment, mode);
        var started = time.GetTimestamp();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var timer = time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), limit, timeout, Timeout.InfiniteTimeSpan);
        string? error = null;
        try
        {
            var probe = kind switch
            {
                ProbeKind.ModelList => models.ProbeAsync(deployment, limit.Token),
                ProbeKind.Embedding => generative.EmbedAsync(deployment, limit.Token),
                _ => generative.CompleteAsync(deployment, limit.Token),
            };
            await probe.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            error = $"The health probe of '{deployment.Id}' took longer than {timeout.TotalSeconds:0.###} s.";
        }
        catch (UpstreamException ex) when (ex.Kind == UpstreamErrorKind.Timeout && limit.IsCancellationRequested)
        {
            error = $"The health probe of '{deployment.Id}' took longer than {timeout.TotalSeconds:0.###} s.";
        }
        catch (UpstreamException ex)
        {
            error = ex.Message; // safe to show: names the provider, never its key
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or System.Text.Json.JsonException)
        {
            error = $"The health probe of '{deployment.Id}' failed: {ex.GetType().Name}.";
        }
        return new ProbeResult(deployment.Id, kind, error is null, error, time.GetElapsedTime(started), time.GetUtcNow());
    }
}
