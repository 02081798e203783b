using System.Collections.Frozen;

namespace Switchyard.Core.Upstream;

/// <summary>Finds the adapter for a wire format. Adapters register themselves by their <see cref="IProviderAdapter.Kind"/>.</summary>
public sealed class ProviderAdapterRegistry(IEnumerable<IProviderAdapter> adapters)
{
    private readonly FrozenDictionary<string, IProviderAdapter> byKind = adapters.ToFrozenDictionary(a => a.Kind);

    public IProviderAdapter For(string kind) =>
        byKind.TryGetValue(kind, out var adapter) ? adapter
        : throw new InvalidOperationException($"No adapter is registered for wire format '{kind}'.");

    public IReadOnlyCollection<string> Kinds => byKind.Keys;
}
