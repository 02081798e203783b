using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Core.Accounting;
using Switchyard.Core.Chat;
using Switchyard.Core.Execution;
using Switchyard.Core.Gateway;
using Switchyard.Server.Http;

namespace Switchyard.Server.Endpoints;

/// <summary>
/// POST /v1/embeddings, for models served by OpenAI-compatible or Gemini upstreams. Every request,
/// answered or not, ends in one outcome (request log row, metrics, span, access log line) like chat's.
/// </summary>
public sealed class EmbeddingsEndpoint(GatewayServices services, IOutcomeSink outcomes, Keys.KeyGate keys)
{
    /// <summary>Wire formats whose adapters implement embeddings (Anthropic has no embeddings API).</summary>
    private static readonly HashSet<string> EmbeddingWires = ["openai", "gemini"];

    public async Task HandleAsync(HttpContext context)
    {
        var snapshot = services.Snapshots.Current;
        var started = services.Time.GetTimestamp();
        var trace = new ExecutionTrace();
        Keys.KeyAdmission? admission = null;
        Usage? used = null;
        CostBreakdown? cost = null;
        string? routeName = null;
        string? failure = null;
        TimeSpan? firstByte = null;
        try
        {
            var request = await RequestBodyReader.ReadAsync(context, ChatJsonContext.Default.EmbeddingRequest, snapshot.Server.MaxRequestBodyBytes);
            Validate(request);
            request.Model = Keys.KeyGate.ResolveModel(context, request.Model!);
            var route = snapshot.FindRoute(request.Model!) ?? throw GatewayErrors.UnknownModel(request.Model!);
            Keys.KeyGate.CheckAllowed(context, route.Name);
            route = keys.WithoutDisabled(route);
            routeName = route.Name;
            SwitchyardHeaders.WriteRoute(context.Response, route.Name);
            var plan = route.Deployments.Where(d => EmbeddingWires.Contains(d.Provider.Kind)).ToList();
            if (plan.Count == 0)
                throw GatewayErrors.NoCandidate(string.Join("; ", route.Deployments.Select(d => $"{d.Id}: the {d.Provider.Kind} API has no embeddings")));
            admission = await keys.AdmitAsync(context, plan[0], Keys.KeyGate.EmbeddingEstimate(request, plan[0], services.Prices), context.RequestAborted);

            using var deadline = new RequestDeadline(context, TimeSpan.FromSeconds(snapshot.Server.RequestTimeoutSeconds), services.Time);
            try
            {
                var (response, deployment) = await services.Executor.EmbedAsync(plan, request, trace, new ExecutionLimits(snapshot.Resilience, deadline.At), deadline.Token);
                SwitchyardHeaders.WriteExecution(context.Response, trace);
                if (response.Usage is { } usage)
                {
                    used = new Usage { PromptTokens = usage.PromptTokens, TotalTokens = usage.TotalTokens };
                    cost = services.Costing.Compute(deployment, route, used, estimated: false, snapshot);
                    SwitchyardHeaders.WriteCost(context.Response, cost);
                }
                context.Response.ContentType = "application/json";
                firstByte = services.Time.GetElapsedTime(started);
                await JsonSerializer.SerializeAsync(context.Response.Body, response, ChatJsonContext.Default.EmbeddingResponse, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.Expired)
            {
                throw GatewayErrors.DeadlinePassed(deadline.Seconds);
            }
        }
        catch (GatewayException error)
        {
            failure = error.Message;
            SwitchyardHeaders.WriteExecution(context.Response, trace);
            await ErrorWriter.WriteAsync(context, error);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            failure = "the client disconnected";
        }
        finally
        {
            admission?.Settle(used, cost);
            var key = Keys.KeyRequest.Of(context)?.Key;
            outcomes.Record(new RequestOutcome(RequestIdMiddleware.Of(context), "embeddings", routeName, Streamed: false,
                context.Response.StatusCode, trace, used, cost, services.Time.GetElapsedTime(started), failure)
            {
                TimeToFirstByte = firstByte,
                UpstreamTime = trace.UpstreamTime(),
                KeyId = key?.Id,
                Project = key?.Project,
            });
        }
    }

    private static void Validate(EmbeddingRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Model)) throw GatewayErrors.InvalidRequest("'model' is required.", "model");
        var input = request.Input;
        if (input is null || input.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            throw GatewayErrors.InvalidRequest("'input' is required.", "input");
        var ok = input.Value.ValueKind switch
        {
            JsonValueKind.String => input.Value.GetString()!.Length > 0,
            JsonValueKind.Array => input.Value.GetArrayLength() > 0,
            _ => false,
        };
        if (!ok) throw GatewayErrors.InvalidRequest("'input' must be a non-empty string or a non-empty array.", "input");
        if (request.EncodingFormat is not (null or "float" or "base64"))
            throw GatewayErrors.InvalidRequest("'encoding_format' must be 'float' or 'base64'.", "encoding_format");
    }
}
