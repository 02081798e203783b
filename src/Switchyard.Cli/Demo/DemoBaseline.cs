using Switchyard.Core.Catalog;

namespace Switchyard.Cli.Demo;

/// <summary>
/// The "send everything to the most capable model" counterfactual: the model with the catalog's
/// highest overall tier among the route's models; ties go to the higher mean tier over the task
/// classes, then to the higher list price (the premium choice a team without routing would make).
/// </summary>
public static class DemoBaseline
{
    public static CatalogModel? MostCapable(IEnumerable<CatalogModel> models) =>
        models.DistinctBy(m => m.Id)
            .OrderByDescending(m => m.OverallTier)
            .ThenByDescending(m => Enum.GetValues<TaskClass>().Average(t => m.TierFor(t)))
            .ThenByDescending(m => m.Price.InputPerMillion + m.Price.OutputPerMillion)
            .FirstOrDefault();
}
