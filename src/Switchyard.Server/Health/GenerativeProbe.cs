using System.Text.Json;
using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;

namespace Switchyard.Server.Health;

/// <summary>
/// A 1-token chat completion (or a one-word embedding for an embedding model) through the provider
/// adapter, straight to the deployment: not through the request path, so no budget, spend, outcome
/// sink or statistics window ever sees it.
/// </summary>
public sealed class GenerativeProbe(ProviderAdapterRegistry adapters)
{
    private static readonly JsonElement EmbeddingInput = JsonDocument.Parse("\"ping\"").RootElement.Clone();

    public async Task CompleteAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var request = new ChatRequest
        {
            Model = deployment.UpstreamModel,
            Messages = [new ChatMessage { Role = "user", Content = MessageContent.FromText("ping") }],
        };
        // Reasoning models refuse max_tokens; the others (and older compatible servers) know only it.
        if (deployment.Model.Has(ModelCapabilities.Reasoning)) request.MaxCompletionTokens = 1;
        else request.MaxTokens = 1;
        var call = new UpstreamCall(deployment.Provider, deployment.UpstreamModel, request, 1);
        await adapters.For(deployment.Provider.Kind).CompleteAsync(call, cancellationToken).ConfigureAwait(false);
    }

    public async Task EmbedAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var request = new EmbeddingRequest { Model = deployment.UpstreamModel, Input = EmbeddingInput };
        var call = new UpstreamEmbeddingCall(deployment.Provider, deployment.UpstreamModel, request);
        await adapters.For(deployment.Provider.Kind).EmbedAsync(call, cancellationToken).ConfigureAwait(false);
    }
}
