namespace Switchyard.Core.Tokens;

/// <summary>Counts the tokens of a text for one tokenizer. Implementations are thread-safe.</summary>
public interface ITokenCounter
{
    /// <summary>The tokenizer name the catalog uses: "o200k_base", "cl100k_base" or "estimate".</summary>
    string Name { get; }

    /// <summary>True when counts equal the provider's tokenizer exactly; false for an estimate.</summary>
    bool IsExact { get; }

    /// <summary>The number of tokens in <paramref name="text"/>; 0 for null or empty.</summary>
    int Count(string? text);

    /// <summary>The number of tokens in <paramref name="text"/>; 0 when empty.</summary>
    int Count(ReadOnlySpan<char> text);
}
