namespace Switchyard.Core.Config;

/// <summary>
/// The config used when `switchyard serve` gets no file: real providers for the keys found in the
/// environment, and otherwise simulated OpenAI, Anthropic and Gemini models; plus a route "auto"
/// over all of them. Prices and output limits are the providers' list prices as published in
/// LiteLLM's model_prices_and_context_window.json (copy of 2026-07-24 in shared/fixtures/pricing).
/// </summary>
public static class EmbeddedDefaultConfig
{
    /// <summary>Catalog ids served per provider preset, cheaper first.</summary>
    private static readonly Dictionary<string, string[]> ModelsByPreset = new()
    {
        ["openai"] = ["gpt-4.1-mini", "gpt-4.1"],
        ["anthropic"] = ["claude-haiku-4-5", "claude-sonnet-4-5"],
        ["gemini"] = ["gemini-2.5-flash", "gemini-2.5-pro"],
        ["deepseek"] = ["deepseek-chat"],
        ["xai"] = ["grok-4.3"],
    };

    /// <summary>The environment variables whose presence turns a real provider on, in the order above.</summary>
    public static IEnumerable<string> KeyVariables => ModelsByPreset.Keys.Select(kind => ProviderPresets.Find(kind)!.KeyVariable!);

    /// <summary>The three wire formats the simulator stands in for when no key is set.</summary>
    private static readonly string[] SimulatedPresets = ["openai", "anthropic", "gemini"];

    /// <summary>
    /// Code, math and reasoning ask more of a model than chat or extraction: the default demands
    /// the catalog's top code tier and tier 4 for math and reasoning, tier 3 for the rest.
    /// </summary>
    private static Dictionary<string, object> AutoParams() => new()
    {
        ["min_tier"] = "3",
        ["task_tiers"] = new Dictionary<object, object> { ["code"] = "5", ["math"] = "4", ["reasoning"] = "4" },
    };

    public static GatewayConfig Build(Func<string, string?> environment, out bool simulated) =>
        Build(environment, Catalog.CatalogLoader.LoadBuiltin(), out simulated);

    public static GatewayConfig Build(Func<string, string?> environment, Catalog.ModelCatalog catalog, out bool simulated)
    {
        var found = ModelsByPreset.Keys
            .Where(kind => ProviderPresets.Find(kind)!.KeyVariable is { } v && !string.IsNullOrEmpty(environment(v)))
            .ToList();
        simulated = found.Count == 0;
        var providers = new Dictionary<string, ProviderConfig>();
        var models = new Dictionary<string, ModelConfig>();
        foreach (var kind in simulated ? SimulatedPresets.ToList() : found)
        {
            var preset = ProviderPresets.Find(kind)!;
            var baseUrl = simulated ? ConfigValidator.SimulatorUrl
                : preset.BaseUrlVariable is { } bv && environment(bv) is { Length: > 0 } custom ? custom : null;
            providers[kind] = new ProviderConfig { Kind = kind, BaseUrl = baseUrl };
            foreach (var name in ModelsByPreset[kind])
                models[name] = new ModelConfig { Deployments = [new DeploymentConfig { Provider = kind }] };
        }

        // "auto": the cheapest model whose tier for the request's task class is good enough,
        // falling back to the next; listed cheapest first so ties and explanations read naturally.
        var byPrice = models.Keys
            .OrderBy(name => catalog.Find(name) is { } m ? m.Price.InputPerMillion + m.Price.OutputPerMillion : decimal.MaxValue)
            .ToList();
        return new GatewayConfig
        {
            Providers = providers,
            Models = models,
            Routes = new() { ["auto"] = new RouteConfig { Models = byPrice, Policy = "cheapest-capable", Params = AutoParams() } },
            Simulator = new SimulatorConfig { Enabled = simulated },
        };
    }
}
