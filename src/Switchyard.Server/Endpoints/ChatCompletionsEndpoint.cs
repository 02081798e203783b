using Microsoft.AspNetCore.Http;
using Switchyard.Core.Accounting;
using Switchyard.Core.Chat;
using Switchyard.Core.Execution;
using Switchyard.Core.Gateway;
using Switchyard.Core.Routing;
using Switchyard.Core.Runtime;
using Switchyard.Server.Http;

namespace Switchyard.Server.Endpoints;

/// <summary>
/// POST /v1/chat/completions. The stages of one request, in order: read and validate the body,
/// resolve the model or route, build the plan, execute it (streaming or not), answer, account.
/// </summary>
public sealed class ChatCompletionsEndpoint(GatewayServices services, IOutcomeSink outcomes, Keys.KeyGate keys)
{
    public async Task HandleAsync(HttpContext context)
    {
        var snapshot = services.Snapshots.Current; // the whole request keeps this snapshot
        var started = services.Time.GetTimestamp();
        var trace = new ExecutionTrace();
        var result = new Result { Started = started };
        try
        {
            var request = await RequestBodyReader.ReadAsync(context, ChatJsonContext.Default.ChatRequest, snapshot.Server.MaxRequestBodyBytes, ChatRequestReader.TryRead);
            result.Streamed = request.IsStreaming;
            result.Request = request;
            ChatRequestValidator.Validate(request);
            request.Model = Keys.KeyGate.ResolveModel(context, request.Model!); // "default" → the key's default route
            var route = snapshot.FindRoute(request.Model!) ?? throw GatewayErrors.UnknownModel(request.Model!);
            Keys.KeyGate.CheckAllowed(context, route.Name);
            route = keys.WithoutDisabled(route);
            result.Route = route;
            SwitchyardHeaders.WriteRoute(context.Response, route.Name);
            var routing = RoutingContextFactory.Create(context, request, snapshot, services);
            // The deadline starts before planning: a wait for a breaker to half-open counts against it.
            using var deadline = new RequestDeadline(context, TimeSpan.FromSeconds(snapshot.Server.RequestTimeoutSeconds), services.Time);
            try
            {
                var decision = await HalfOpenWait.PlanAsync(RoutePlanner.Default, route, routing, RoutingContextFactory.FallbackCandidates(routing, snapshot),
                    new ExecutionLimits(snapshot.Resilience, deadline.At), deadline.Token);
                result.Decision = decision;
                SwitchyardHeaders.WriteRoute(context.Response, decision.DecidedBy);
                var plan = decision.Plan;
                result.Admission = await keys.AdmitAsync(context, plan[0], routing.Costs.For(plan[0]), context.RequestAborted);

                if (request.IsStreaming)
                {
                    var streamStarted = services.Time.GetElapsedTime(started);
                    var tally = await StreamResponder.RespondAsync(context, services.Executor, plan, request, trace, deadline, snapshot.Resilience);
                    var estimated = tally.Usage is null;
                    result.Usage = tally.Usage ?? UsageEstimator.ForStream(request, trace.Answered!, tally.ContentDeltas, tally.ContentChars);
                    result.Cost = CostOf(trace, route, result.Usage, estimated, snapshot);
                    result.FirstByte = tally.FirstChunkSent is { } sent ? streamStarted + sent : null;
                    result.UpstreamWait = tally.UpstreamWait;
                    result.Digest = tally.Digest;
                }
                else
                {
                    (result.Usage, result.Cost) = await RespondAsync(context, snapshot, route, plan, request, trace, deadline, result);
                }
            }
            catch (OperationCanceledException) when (deadline.Expired)
            {
                throw GatewayErrors.DeadlinePassed(deadline.Seconds);
            }
            if (trace.Answered is { } answered) RoutePlanner.Remember(route, routing, answered);
        }
        catch (GatewayException error)
        {
            result.Error = error.Message;
            SwitchyardHeaders.WriteExecution(context.Response, trace);
            await ErrorWriter.WriteAsync(context, error);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            result.Error = "the client disconnected"; // the upstream call was cancelled with it
        }
        finally
        {
            result.Admission?.Settle(result.Usage, result.Cost); // the exact cost replaces the reservation
            outcomes.Record(new RequestOutcome(RequestIdMiddleware.Of(context), "chat", result.Route?.Name, result.Streamed,
                context.Response.StatusCode, trace, result.Usage, result.Cost, services.Time.GetElapsedTime(started), result.Error)
            {
                Decision = result.Decision,
                Request = result.Request,
                TimeToFirstByte = result.FirstByte,
                UpstreamTime = trace.UpstreamTime(result.UpstreamWait),
                Response = result.Digest,
                KeyId = Keys.KeyRequest.Of(context)?.Key.Id,
                Project = Keys.KeyRequest.Of(context)?.Key.Project,
            });
        }
    }

    private async Task<(Usage?, CostBreakdown?)> RespondAsync(HttpContext context, GatewaySnapshot snapshot, RouteEntry route,
        IReadOnlyList<Deployment> plan, ChatRequest request, ExecutionTrace trace, RequestDeadline deadline, Result result)
    {
        var cancellationToken = deadline.Token;
        var (completion, _) = await services.Executor.CompleteAsync(plan, request, trace, new ExecutionLimits(snapshot.Resilience, deadline.At), cancellationToken);
        var response = context.Response;
        SwitchyardHeaders.WriteExecution(response, trace);
        // An upstream that reports no usage is counted here; its cost is marked estimated.
        var usage = completion.Usage ?? UsageEstimator.ForCompletion(request, trace.Answered!, completion);
        var cost = CostOf(trace, route, usage, completion.Usage is null, snapshot)!;
        SwitchyardHeaders.WriteCost(response, cost);
        response.ContentType = "application/json";
        result.FirstByte = services.Time.GetElapsedTime(result.Started);
        result.Digest = ResponseDigest.Of(completion, RequestLog.RequestLogCapture.KeepsBodies(context));
        // Into the response pipe, not yet onto the wire: it leaves once HandleAsync has recorded the outcome.
        if (completion.UpstreamJson is { } upstreamJson)
        {
            JsonResponseWriter.Write(response, upstreamJson.Span); // already OpenAI's shape: sent on as received
            completion.UpstreamJson = null;
            upstreamJson.Dispose(); // copied into the response pipe: the pooled buffer can go back
        }
        else
            JsonResponseWriter.Write(response, completion, ChatJsonContext.Default.ChatCompletion);
        return (usage, cost);
    }

    private CostBreakdown? CostOf(ExecutionTrace trace, RouteEntry route, Usage usage, bool estimated, GatewaySnapshot snapshot) =>
        trace.Answered is { } answered ? services.Costing.Compute(answered, route, usage, estimated, snapshot) : null;

    /// <summary>What the request learned on its way, for the outcome record.</summary>
    private sealed class Result
    {
        public RouteEntry? Route;
        public bool Streamed;
        public Usage? Usage;
        public CostBreakdown? Cost;
        public RoutingDecision? Decision;
        public string? Error;
        public Keys.KeyAdmission? Admission;
        public long Started;
        public ChatRequest? Request;
        public TimeSpan? FirstByte;
        public TimeSpan UpstreamWait;
        public ResponseDigest? Digest;
    }
}
