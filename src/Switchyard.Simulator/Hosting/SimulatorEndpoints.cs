using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Switchyard.Simulator.Control;
using Switchyard.Simulator.Providers.Anthropic;
using Switchyard.Simulator.Providers.Gemini;
using Switchyard.Simulator.Providers.OpenAI;
using Switchyard.Simulator.State;

namespace Switchyard.Simulator.Hosting;

public static class SimulatorEndpoints
{
    /// <summary>
    /// Maps the fake provider APIs (OpenAI <c>/v1/chat/completions</c>, <c>/v1/embeddings</c>,
    /// <c>/v1/models</c>; Anthropic <c>/v1/messages</c>; Gemini <c>/v1beta/models/{model}:…</c>)
    /// and the <c>/_sim/</c> control API onto an existing app, e.g. to host the simulator
    /// inside another ASP.NET Core process.
    /// </summary>
    public static IEndpointRouteBuilder MapSimulator(this IEndpointRouteBuilder app, SimulatorState state)
    {
        // RequestDelegate handlers: no parameter binding, no reflection per request.
        app.MapPost("/v1/chat/completions", new OpenAIChatEndpoint(state).HandleAsync);
        app.MapPost("/v1/embeddings", new OpenAIEmbeddingsEndpoint(state).HandleAsync);
        var models = new OpenAIModelsEndpoint(state);
        app.MapGet("/v1/models", models.ListAsync);
        app.MapGet("/v1/models/{id}", models.GetAsync);
        app.MapPost("/v1/messages", new AnthropicMessagesEndpoint(state).HandleAsync);
        app.MapPost("/v1beta/models/{target}", new GeminiGenerateEndpoint(state).HandleAsync);
        SimControlEndpoints.Map(app, state);
        return app;
    }
}
