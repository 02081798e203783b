using System.Globalization;
using Switchyard.Core.Catalog;

namespace Switchyard.Cli.Demo;

/// <summary>Prints the demo's table: per task class, where the requests went, what they cost, and the saving against the baseline.</summary>
public static class DemoReport
{
    public static void Print(TextWriter output, IReadOnlyList<DemoResult> results, CatalogModel baseline)
    {
        var baselineColumn = "all on " + baseline.Id;
        var width = Math.Max(baselineColumn.Length, 12);
        output.WriteLine($"{"task class",-17} {"requests",8} {"cost (USD)",12} {baselineColumn.PadLeft(width)} {"saving",7}  went to");
        foreach (var group in results.GroupBy(r => r.Task).OrderBy(g => g.Key))
        {
            var answered = group.Where(r => !r.Failed).ToList();
            var wentTo = string.Join(", ", answered.GroupBy(r => r.Model ?? "?").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} ({g.Count()})"));
            var failed = group.Count() - answered.Count;
            if (failed > 0) wentTo += (wentTo.Length > 0 ? ", " : "") + $"FAILED ({failed})";
            output.WriteLine(Row(group.Key.Name(), group.Count(), answered, width) + "  " + wentTo);
        }
        var all = results.Where(r => !r.Failed).ToList();
        var cost = all.Sum(r => r.Cost);
        var baselineCost = all.Sum(r => r.BaselineCost);
        output.WriteLine(Row("total", results.Count, all, width) + $"  saved {Usd(baselineCost - cost)} against sending every request to {baseline.Id}");
        // The gateway's own baseline (accounting.baseline_model; for a route, its most expensive model) when it tells a different story.
        if (all.Count > 0 && all.All(r => r.GatewayBaselineCost is not null) && all.Sum(r => r.GatewayBaselineCost!.Value) is var gateway && Math.Abs(gateway - baselineCost) >= 0.000001m)
            output.WriteLine($"(against the gateway's own baseline, x-switchyard-baseline-cost-usd, these requests would have cost {Usd(gateway)}: a saving of {Percent(cost, gateway)})");
    }

    private static string Row(string label, int requests, IReadOnlyList<DemoResult> answered, int width)
    {
        var cost = answered.Sum(r => r.Cost);
        var baseline = answered.Sum(r => r.BaselineCost);
        return $"{label,-17} {requests,8} {Usd(cost),12} {Usd(baseline).PadLeft(width)} {Percent(cost, baseline),7}";
    }

    private static string Usd(decimal value) => "$" + value.ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Percent(decimal cost, decimal baseline) =>
        baseline > 0 ? ((baseline - cost) / baseline).ToString("0.0%", CultureInfo.InvariantCulture) : "-";
}
