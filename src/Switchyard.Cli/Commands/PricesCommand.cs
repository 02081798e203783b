using System.CommandLine;
using System.Globalization;
using Switchyard.Core.Catalog;
using Switchyard.Core.Pricing;

namespace Switchyard.Cli.Commands;

/// <summary>
/// `switchyard prices show [MODEL]` and `switchyard prices refresh --from URL|FILE`: offline
/// commands over the built-in catalog and the last good live price table in the data folder
/// (the same one a gateway started from this folder uses).
/// </summary>
public static class PricesCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Folder holding the last good price table (prices.json). Default .data", DefaultValueFactory = _ => ".data" };
        var model = new Argument<string?>("model") { Description = "A catalog id or alias; omit for the whole table.", Arity = ArgumentArity.ZeroOrOne };
        var show = new Command("show", "Print the prices in force (live where refreshed, else the catalog's).") { model, dataDir };
        show.SetAction(parse => Show(parse.GetValue(model), parse.GetValue(dataDir)!));

        var from = new Option<string>("--from") { Description = "A URL or file in OpenRouter's /api/v1/models or LiteLLM's price-table format.", Required = true };
        var refresh = new Command("refresh", "Fetch prices, check them, and keep them as the last good table when they pass.") { from, dataDir };
        refresh.SetAction((parse, ct) => RefreshAsync(parse.GetValue(from)!, parse.GetValue(dataDir)!, ct));

        return new Command("prices", "Model prices: the catalog and live refreshes.") { show, refresh };
    }

    private static int Show(string? id, string dataDir)
    {
        var catalog = CatalogLoader.LoadBuiltin();
        var book = new PriceBook();
        var stored = new LastGoodPriceStore(dataDir).Load(catalog);
        if (stored is not null) book.Swap(stored);
        if (id is not null)
        {
            if (catalog.Find(id) is not { } one) { Console.Error.WriteLine($"'{id}' is not in the catalog. `switchyard prices show` lists it."); return 1; }
            PrintModel(one, book, catalog);
            return 0;
        }
        Console.WriteLine($"Prices in USD per 1M tokens. Live prices: {(stored is null ? "none (catalog prices)" : $"{stored.Source} at {stored.FetchedAt:u}")}");
        Console.WriteLine($"{"model",-36} {"provider",-10} {"input",9} {"output",9} {"cached",9} {"window",9} {"max out",8}  from");
        foreach (var m in catalog.Models.OrderBy(m => m.Provider).ThenBy(m => m.Id))
        {
            var p = book.For(m);
            var live = book.Live.Prices.ContainsKey(m.Id) ? "live" : "catalog";
            Console.WriteLine($"{m.Id,-36} {m.Provider,-10} {Usd(p.InputPerMillion),9} {Usd(p.OutputPerMillion),9} {Usd(p.CachedInputPerMillion),9} {m.ContextWindow,9} {m.MaxOutputTokens,8}  {live}");
        }
        return 0;
    }

    private static void PrintModel(CatalogModel m, PriceBook book, ModelCatalog catalog)
    {
        var p = book.For(m);
        Console.WriteLine($"{m.Id} ({m.Provider}){(m.Aliases.Count > 0 ? "  aka " + string.Join(", ", m.Aliases) : "")}");
        Console.WriteLine($"  price per 1M: input {Usd(p.InputPerMillion)}, output {Usd(p.OutputPerMillion)}, cached input {Usd(p.CachedInputPerMillion)}, cache write {Usd(p.CacheWritePerMillion)}{(p.PerRequest is { } r ? $", per request {Usd(r)}" : "")}  ({(book.Live.Prices.ContainsKey(m.Id) ? "live: " + book.Live.Source : "catalog")})");
        Console.WriteLine($"  context window {m.ContextWindow}, max output {m.MaxOutputTokens}, tokenizer {m.Tokenizer}");
        Console.WriteLine($"  capabilities: {string.Join(", ", CapabilityNames.Names(m.Capabilities))}; tags: {string.Join(", ", m.Tags)}");
        Console.WriteLine($"  overall tier {m.OverallTier}");
        foreach (var task in Enum.GetValues<TaskClass>())
        {
            var line = m.Tasks.TryGetValue(task, out var t)
                ? $"tier {t.Tier}  {t.Benchmark} {t.Score?.ToString(CultureInfo.InvariantCulture)}  [{SourceTitle(catalog, t.Source)}]"
                : $"tier {m.OverallTier}  (no published figure: the overall tier)";
            Console.WriteLine($"    {task.Name(),-17} {line}");
        }
    }

    private static async Task<int> RefreshAsync(string from, string dataDir, CancellationToken cancellationToken)
    {
        var catalog = CatalogLoader.LoadBuiltin();
        var book = new PriceBook();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var refresher = new PriceRefresher(book, catalog, new LastGoodPriceStore(dataDir), http, TimeProvider.System);
        refresher.LoadLastGood();
        var result = await refresher.RefreshAsync(from, cancellationToken);
        if (!result.Applied)
        {
            Console.Error.WriteLine($"Refresh from {from} refused; the prices in force stay:");
            foreach (var problem in result.Problems) Console.Error.WriteLine("  - " + problem);
            return 1;
        }
        Console.WriteLine($"Refreshed from {from} ({result.Format}): {result.Mapped} catalog models priced, {result.Changes.Count} changed.");
        foreach (var c in result.Changes)
            Console.WriteLine($"  {c.ModelId,-36} input {Usd(c.Before.InputPerMillion)} -> {Usd(c.After.InputPerMillion)}, output {Usd(c.Before.OutputPerMillion)} -> {Usd(c.After.OutputPerMillion)}");
        foreach (var problem in result.Problems) Console.WriteLine("  skipped: " + problem);
        return 0;
    }

    private static string SourceTitle(ModelCatalog catalog, string? id) => catalog.Sources.FirstOrDefault(s => s.Id == id)?.Title ?? id ?? "";

    private static string Usd(decimal? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
