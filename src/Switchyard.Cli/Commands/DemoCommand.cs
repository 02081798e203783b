using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Cli.Demo;
using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;
using Switchyard.Core.Config;
using Switchyard.Core.Pricing;
using Switchyard.Server.Hosting;

namespace Switchyard.Cli.Commands;

/// <summary>
/// `switchyard demo [--url URL] [--count N]`: sends a mixed workload (prompts of every task class,
/// Demo/workload.jsonl) through the `auto` route and prints, per task class, where the requests
/// went, what they cost, and the saving against sending all of them to the route's most capable
/// model. Without --url it starts its own gateway with the embedded default on the simulator, so it
/// works on a fresh clone and never spends money; --url sends the workload to a running gateway.
/// </summary>
public static class DemoCommand
{
    private const string Route = "auto";
    private const int Parallelism = 4;

    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "A running gateway (e.g. http://127.0.0.1:8400). Default: an in-process gateway with the embedded default on the simulator." };
        var count = new Option<int?>("--count") { Description = "Requests per task class (the workload's prompts, repeated when N is larger). Default: every prompt of the workload." };
        var apiKey = new Option<string?>("--api-key") { Description = "Sent as Authorization: Bearer, for a gateway that requires keys." };
        var command = new Command("demo", "Send a mixed workload through the auto route and show where it went and what routing saved.") { url, count, apiKey };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(url), parse.GetValue(count), parse.GetValue(apiKey), ct));
        return command;
    }

    private static async Task<int> RunAsync(string? url, int? count, string? apiKey, CancellationToken cancellationToken)
    {
        if (count is < 1) { Console.Error.WriteLine("--count must be at least 1."); return 2; }
        var workload = DemoWorkload.Take(DemoWorkload.Load(), count);
        var catalog = CatalogLoader.LoadBuiltin();
        RunningGateway? local = null;
        try
        {
            Uri baseAddress;
            IEnumerable<CatalogModel> routeModels;
            PriceBook prices;
            string where, scope;
            if (url is null)
            {
                local = await StartSimulatedGatewayAsync(catalog, cancellationToken);
                baseAddress = local.BaseAddress;
                routeModels = local.Snapshots.Current.FindRoute(Route)!.Deployments.Select(d => d.Model);
                prices = local.Services.GetRequiredService<PriceBook>();
                where = $"in-process at {baseAddress.ToString().TrimEnd('/')}, the embedded default on SIMULATED providers";
                scope = "the route's models";
            }
            else
            {
                baseAddress = GatewayBase(url);
                where = baseAddress.ToString().TrimEnd('/');
                scope = "the gateway's models";
                prices = new PriceBook();
                if (new LastGoodPriceStore(".data").Load(catalog) is { } live) prices.Swap(live);
                using var probe = Http(baseAddress, apiKey);
                var served = await ServedNamesAsync(probe, cancellationToken);
                if (!served.Contains(Route))
                {
                    Console.Error.WriteLine($"The gateway at {where} serves no route named '{Route}' (it serves: {string.Join(", ", served)}).");
                    return 1;
                }
                routeModels = served.Select(catalog.Find).OfType<CatalogModel>();
            }

            if (DemoBaseline.MostCapable(routeModels) is not { } baseline)
            {
                Console.Error.WriteLine("None of the gateway's models is in the catalog, so there is no most capable model to compare with.");
                return 1;
            }
            var perClass = workload.GroupBy(p => p.Task).Count();
            Console.WriteLine($"Switchyard demo: {workload.Count} prompts of {perClass} task classes through the '{Route}' route");
            Console.WriteLine($"  gateway:  {where}");
            Console.WriteLine($"  baseline: every request sent to {baseline.Id}, the most capable of {scope} (catalog overall tier {baseline.OverallTier}), priced for the same tokens");
            if (local is not null)
            {
                Console.WriteLine("  SIMULATED: the built-in simulator answers and no provider key is used; costs are the real models' list prices for the tokens it reports.");
                Console.WriteLine("  For real answers: `switchyard serve` with your provider keys, then `switchyard demo --url http://127.0.0.1:8400`.");
            }
            Console.WriteLine();

            using var http = Http(baseAddress, apiKey);
            var client = new DemoClient(http, Route, baseline, prices);
            var results = new DemoResult[workload.Count];
            await Parallel.ForAsync(0, workload.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (i, ct) => results[i] = await client.SendAsync(workload[i], ct));

            DemoReport.Print(Console.Out, results, baseline);
            if (url is not null && results.Any(r => r.Simulated)) Console.WriteLine("Some answers were simulated (x-switchyard-simulated): the gateway serves those models from the built-in simulator.");
            var failures = results.Where(r => r.Failed).ToList();
            if (failures.Count == 0) return 0;
            Console.Error.WriteLine($"{failures.Count} of {results.Length} requests failed:");
            foreach (var f in failures.Take(5)) Console.Error.WriteLine($"  {f.Task.Name()}: {f.Error}");
            return 1;
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"Could not reach the gateway at {url}: {ex.Message}. Start one with `switchyard serve`, or run `switchyard demo` without --url.");
            return 1;
        }
        finally
        {
            if (local is not null) await local.DisposeAsync();
        }
    }

    /// <summary>The embedded default with provider keys hidden: the demo's own gateway is always simulated, so it never spends money.</summary>
    private static Task<RunningGateway> StartSimulatedGatewayAsync(ModelCatalog catalog, CancellationToken cancellationToken)
    {
        var keys = EmbeddedDefaultConfig.KeyVariables.ToHashSet(StringComparer.Ordinal);
        string? WithoutProviderKeys(string name) => keys.Contains(name) ? null : Environment.GetEnvironmentVariable(name);
        var config = EmbeddedDefaultConfig.Build(WithoutProviderKeys, catalog, out _);
        return GatewayHost.StartAsync(new GatewayStartOptions(config, "the embedded default (simulated, for the demo)")
        {
            Urls = "http://127.0.0.1:0",
            LogLevel = LogLevel.Warning,
            Catalog = catalog,
            Environment = WithoutProviderKeys,
        }, cancellationToken);
    }

    private static HttpClient Http(Uri baseAddress, string? apiKey)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", apiKey ?? "switchyard-demo");
        return http;
    }

    /// <summary>The gateway's root, whether the user gave it or the OpenAI base URL (…/v1).</summary>
    private static Uri GatewayBase(string url)
    {
        var trimmed = url.TrimEnd('/');
        if (trimmed.EndsWith("/v1", StringComparison.Ordinal)) trimmed = trimmed[..^3];
        return new Uri(trimmed + "/");
    }

    private static async Task<List<string>> ServedNamesAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("v1/models", cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var list = await System.Text.Json.JsonSerializer.DeserializeAsync(body, ChatJsonContext.Default.ModelList, cancellationToken);
        return list?.Data.Select(m => m.Id).ToList() ?? [];
    }
}
