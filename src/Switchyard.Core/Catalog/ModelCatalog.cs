using System.Collections.Frozen;

namespace Switchyard.Core.Catalog;

/// <summary>The loaded catalog: models by id and by alias, and the sources their figures came from.</summary>
public sealed class ModelCatalog
{
    private readonly FrozenDictionary<string, CatalogModel> byName;

    public ModelCatalog(IReadOnlyList<CatalogModel> models, IReadOnlyList<CatalogSource> sources)
    {
        Models = models;
        Sources = sources;
        var names = new Dictionary<string, CatalogModel>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in models)
        {
            names[model.Id] = model;
            foreach (var alias in model.Aliases) names.TryAdd(alias, model);
        }
        byName = names.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<CatalogModel> Models { get; }
    public IReadOnlyList<CatalogSource> Sources { get; }

    /// <summary>Finds a model by catalog id or alias (case-insensitive), e.g. "openai/gpt-4o" finds "gpt-4o".</summary>
    public CatalogModel? Find(string idOrAlias) => byName.GetValueOrDefault(idOrAlias);

    public static readonly ModelCatalog Empty = new([], []);
}
