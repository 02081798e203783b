using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Gateway;
using Switchyard.Server.Http;
using Switchyard.Server.RequestLog;
using Switchyard.Storage.Rows;
using Switchyard.Storage.Writing;

namespace Switchyard.Server.Endpoints;

/// <summary>
/// POST /v1/feedback {request_id, score 0..1, label?, comment?}: a user's judgement of an answer,
/// stored against its request (the latest feedback per request wins). 404 for an id the request
/// log does not hold, 400 for a score that is not a number in [0, 1]; OpenAI error shape.
/// </summary>
public sealed class FeedbackEndpoint(RequestLogWriter? writer, TimeProvider time)
{
    public const int MaxLabelLength = 200;
    public const int MaxCommentLength = 4000;
    private const long MaxBodyBytes = 64 * 1024;

    public static void Map(WebApplication app)
    {
        var endpoint = new FeedbackEndpoint(app.Services.GetService<RequestLogWriter>(), app.Services.GetRequiredService<TimeProvider>());
        app.MapPost("/v1/feedback", endpoint.HandleAsync);
    }

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            if (writer is null)
                throw new GatewayException(404, "invalid_request_error", "request_log_disabled", "The request log is disabled (request_log.enabled: false), so there is no request to attach feedback to.");
            var body = await RequestBodyReader.ReadAsync(context, RequestLogJsonContext.Default.FeedbackRequest, MaxBodyBytes);
            var feedback = Validate(body, time.GetUtcNow().ToUnixTimeMilliseconds());
            if (!await SaveAsync(feedback, context.RequestAborted))
                throw new GatewayException(404, "invalid_request_error", "request_not_found",
                    $"No request with id '{feedback.RequestId}' is in the request log (the id is the x-request-id of a /v1 response).", "request_id");
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body,
                new FeedbackResponse("feedback", feedback.RequestId, feedback.Score, feedback.Label, feedback.Comment),
                RequestLogJsonContext.Default.FeedbackResponse, context.RequestAborted);
        }
        catch (GatewayException error)
        {
            await ErrorWriter.WriteAsync(context, error);
        }
    }

    /// <summary>The row may still be in the writer's queue (written within the flush interval): on a miss, flush and look again.</summary>
    private async Task<bool> SaveAsync(Feedback feedback, CancellationToken cancellationToken)
    {
        try
        {
            if (await writer!.Store.SaveFeedbackAsync(feedback, cancellationToken)) return true;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(5));
            await writer.FlushAsync(wait.Token);
            return await writer.Store.SaveFeedbackAsync(feedback, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new GatewayException(503, "service_unavailable", "request_log_unavailable",
                $"The request log store is unavailable, so the feedback could not be stored; try again later. ({ex.GetType().Name})") { RetryAfterSeconds = 5 };
        }
    }

    public static Feedback Validate(FeedbackRequest body, long nowMs)
    {
        if (string.IsNullOrWhiteSpace(body.RequestId)) throw GatewayErrors.InvalidRequest("'request_id' is required: the x-request-id of the response being judged.", "request_id");
        if (body.Score is not { ValueKind: JsonValueKind.Number } score || !score.TryGetDouble(out var value) || !double.IsFinite(value) || value is < 0 or > 1)
            throw new GatewayException(400, "invalid_request_error", "invalid_score", "'score' is required and must be a number from 0 (bad) to 1 (good).", "score");
        if (body.Label is { Length: > MaxLabelLength }) throw GatewayErrors.InvalidRequest($"'label' must be at most {MaxLabelLength} characters.", "label");
        if (body.Comment is { Length: > MaxCommentLength }) throw GatewayErrors.InvalidRequest($"'comment' must be at most {MaxCommentLength} characters.", "comment");
        return new Feedback(body.RequestId, value, body.Label, body.Comment, nowMs);
    }
}
