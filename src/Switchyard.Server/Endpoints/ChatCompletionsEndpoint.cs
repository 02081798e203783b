using System.Text.Json;
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
public sealed class ChatCompletionsEndpoint(GatewayServices services, IOutcomeSink outcomes)
{
    public async Task HandleAsync(HttpContext context)
    {
        var snapshot = services.Snapshots.Current; // the whole request keeps this snapshot
        var started = services.Time.GetTimestamp();
        var trace = new ExecutionTrace();
        var result = new Result();
        try
        {
            var request = await RequestBodyReader.ReadAsync(context, ChatJsonContext.Default.ChatRequest, snapshot.Server.MaxRequestBodyBytes);
            result.Streamed = request.IsStreaming;
            ChatRequestValidator.Validate(request);
            var route = snapshot.FindRoute(request.Model!) ?? throw GatewayErrors.UnknownModel(request.Model!);
            result.Route = route.Name;
            SwitchyardHeaders.WriteRoute(context.Response, route.Name);
            var plan = PlanBuilder.Build(route, request);

            using var deadline = new RequestDeadline(context, TimeSpan.FromSeconds(snapshot.Server.RequestTimeoutSeconds), services.Time);
            try
            {
                result.Usage = request.IsStreaming
                    ? await StreamResponder.RespondAsync(context, services.Executor, plan, request, trace, deadline)
                    : await RespondAsync(context, plan, request, trace, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.Expired)
            {
                throw GatewayErrors.DeadlinePassed(deadline.Seconds);
            }
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
            var cost = trace.Answered is { } d ? CostCalculator.Cost(d, result.Usage) : null;
            outcomes.Record(new RequestOutcome(RequestIdMiddleware.Of(context), "chat", result.Route, result.Streamed,
                context.Response.StatusCode, trace, result.Usage, cost, services.Time.GetElapsedTime(started), result.Error));
        }
    }

    private async Task<Usage?> RespondAsync(HttpContext context, IReadOnlyList<Deployment> plan, ChatRequest request, ExecutionTrace trace, CancellationToken cancellationToken)
    {
        var (completion, _) = await services.Executor.CompleteAsync(plan, request, trace, cancellationToken);
        var response = context.Response;
        SwitchyardHeaders.WriteExecution(response, trace);
        if (CostCalculator.Cost(trace.Answered!, completion.Usage) is { } cost) SwitchyardHeaders.WriteCost(response, cost);
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.Body, completion, ChatJsonContext.Default.ChatCompletion, cancellationToken);
        return completion.Usage;
    }

    /// <summary>What the request learned on its way, for the outcome record.</summary>
    private sealed class Result
    {
        public string? Route;
        public bool Streamed;
        public Usage? Usage;
        public string? Error;
    }
}
