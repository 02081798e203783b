using Switchyard.Core.Runtime;

namespace Switchyard.Core.Health.Probes;

/// <summary>The request one probe sends.</summary>
public enum ProbeKind
{
    /// <summary>GET the provider's model list: reachability and credentials, no tokens billed.</summary>
    ModelList,
    /// <summary>A chat completion of at most one output token through the provider adapter.</summary>
    Completion,
    /// <summary>A one-word embedding, for embedding models (a chat completion would fail on them).</summary>
    Embedding,
}

/// <summary>Chooses each deployment's probe from the configured mode.</summary>
public static class ProbeKinds
{
    /// <summary>
    /// The simulator lists models only on the OpenAI wire, and its list ignores per-model faults and
    /// outages, so under "auto" a simulated deployment is probed with a completion: that is what
    /// exercises its simulated behaviour. Real providers of every wire have a model list.
    /// </summary>
    public static ProbeKind For(Deployment deployment, ProbeMode mode)
    {
        var generative = IsEmbeddingModel(deployment.UpstreamModel) ? ProbeKind.Embedding : ProbeKind.Completion;
        return mode switch
        {
            ProbeMode.Completion => generative,
            ProbeMode.Models when deployment.Simulated && deployment.Provider.Kind != "openai" => generative,
            ProbeMode.Models => ProbeKind.ModelList,
            _ => deployment.Simulated ? generative : ProbeKind.ModelList,
        };
    }

    /// <summary>Embedding models are named so by every provider (text-embedding-3-small, gemini-embedding-001, mistral-embed).</summary>
    public static bool IsEmbeddingModel(string upstreamModel) => upstreamModel.Contains("embed", StringComparison.OrdinalIgnoreCase);
}
