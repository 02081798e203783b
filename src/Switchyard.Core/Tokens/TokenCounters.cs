using System.Diagnostics.CodeAnalysis;

namespace Switchyard.Core.Tokens;

/// <summary>Looks up a token counter by the tokenizer name the catalog uses (<c>CatalogModel.Tokenizer</c>).</summary>
public static class TokenCounters
{
    public const string O200kBase = "o200k_base";
    public const string Cl100kBase = "cl100k_base";
    public const string Estimate = "estimate";

    /// <summary>Every name <see cref="For"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [O200kBase, Cl100kBase, Estimate];

    /// <summary>
    /// The counter for <paramref name="tokenizer"/>: "o200k_base" and "cl100k_base" count exactly (their rank
    /// tables load on first use, once per process); "estimate" is <see cref="EstimatingTokenCounter"/> (which
    /// counts with o200k_base and adds its margin). Names are exact and case-sensitive, as the catalog writes them.
    /// </summary>
    /// <exception cref="ArgumentException">The name is none of <see cref="Names"/>.</exception>
    public static ITokenCounter For(string tokenizer) =>
        TryFor(tokenizer, out var counter)
            ? counter
            : throw new ArgumentException(
                $"Unknown tokenizer '{tokenizer}'; expected one of: {string.Join(", ", Names)}.", nameof(tokenizer));

    /// <summary>
    /// Loads the rank tables of <paramref name="tokenizers"/> now (about 0.1 s and 10 MB for o200k_base, 6 MB for
    /// cl100k_base) instead of on the first request that needs them; call it from start-up, e.g. on a background
    /// task, to keep that latency off a request. A table no configured model uses is left unloaded: its memory
    /// counts against the gateway's idle footprint (issue 8). "estimate" counts with o200k_base.
    /// </summary>
    public static void WarmUp(IEnumerable<string> tokenizers)
    {
        foreach (var name in tokenizers.Distinct(StringComparer.Ordinal))
            if (TryFor(name, out var counter)) _ = counter.Count("warm up");
    }

    /// <summary>Whether the rank table of an exact tokenizer has been loaded in this process (false for "estimate" and unknown names).</summary>
    public static bool IsLoaded(string tokenizer) => tokenizer switch
    {
        O200kBase => TiktokenEncoder.IsO200kLoaded,
        Cl100kBase => TiktokenEncoder.IsCl100kLoaded,
        _ => false,
    };

    /// <summary>Like <see cref="For"/>, returning false for an unknown name instead of throwing.</summary>
    public static bool TryFor(string? tokenizer, [NotNullWhen(true)] out ITokenCounter? counter)
    {
        counter = tokenizer switch
        {
            O200kBase => TiktokenEncoder.O200kBase,
            Cl100kBase => TiktokenEncoder.Cl100kBase,
            Estimate => EstimatingTokenCounter.Instance,
            _ => null,
        };
        return counter is not null;
    }
}
