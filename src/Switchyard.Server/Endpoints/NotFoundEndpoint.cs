using Microsoft.AspNetCore.Http;
using Switchyard.Core.Gateway;
using Switchyard.Server.Http;

namespace Switchyard.Server.Endpoints;

/// <summary>Any other path: a 404 in the OpenAI error shape rather than an empty body.</summary>
public static class NotFoundEndpoint
{
    public static Task HandleAsync(HttpContext context) =>
        ErrorWriter.WriteAsync(context, new GatewayException(404, "invalid_request_error", "not_found",
            $"Unknown path {context.Request.Method} {context.Request.Path}. The gateway serves POST /v1/chat/completions, GET /v1/models, POST /v1/embeddings and GET /health."));
}
