using Microsoft.AspNetCore.Http;
using Switchyard.Core.Chat;
using Switchyard.Server.Http;

namespace Switchyard.Server.Endpoints;

/// <summary>GET /v1/models: every model and route a client may name, in OpenAI's list shape.</summary>
public sealed class ModelsEndpoint(GatewayServices services)
{
    private readonly long created = services.Time.GetUtcNow().ToUnixTimeSeconds();

    public Task HandleAsync(HttpContext context)
    {
        var list = new ModelList();
        foreach (var route in services.Snapshots.Current.Routes.Values.OrderBy(r => r.IsModel).ThenBy(r => r.Name, StringComparer.Ordinal))
        {
            var owner = route.IsModel && route.Deployments.Count > 0 ? route.Deployments[0].Provider.Name : "switchyard";
            list.Data.Add(new ModelInfo { Id = route.Name, Created = created, OwnedBy = owner });
        }
        context.Response.ContentType = "application/json";
        JsonResponseWriter.Write(context.Response, list, ChatJsonContext.Default.ModelList);
        return Task.CompletedTask;
    }
}
