namespace Switchyard.Core.Config;

/// <summary>
/// The config used when `switchyard serve` gets no file: real providers for the keys found in the
/// environment, and otherwise simulated OpenAI, Anthropic and Gemini models; plus a route "auto"
/// over all of them. Prices and output limits are the providers' list prices as published in
/// LiteLLM's model_prices_and_context_window.json (copy of 2026-07-24 in shared/fixtures/pricing).
/// </summary>
public static class EmbeddedDefaultConfig
{
    private sealed record DefaultModel(string Name, decimal Input, decimal Output, int MaxOutput);

    private static readonly Dictionary<string, DefaultModel[]> ModelsByPreset = new()
    {
        ["openai"] = [new("gpt-4.1-mini", 0.40m, 1.60m, 32768), new("gpt-4.1", 2.00m, 8.00m, 32768)],
        ["anthropic"] = [new("claude-haiku-4-5", 1.00m, 5.00m, 64000), new("claude-sonnet-4-5", 3.00m, 15.00m, 64000)],
        ["gemini"] = [new("gemini-2.5-flash", 0.30m, 2.50m, 65535), new("gemini-2.5-pro", 1.25m, 10.00m, 65535)],
        ["deepseek"] = [new("deepseek-chat", 0.28m, 0.42m, 8192)],
        ["xai"] = [new("grok-4.3", 1.25m, 2.50m, 1_000_000)],
    };

    /// <summary>The environment variables whose presence turns a real provider on, in the order above.</summary>
    public static IEnumerable<string> KeyVariables => ModelsByPreset.Keys.Select(kind => ProviderPresets.Find(kind)!.KeyVariable!);

    /// <summary>The three wire formats the simulator stands in for when no key is set.</summary>
    private static readonly string[] SimulatedPresets = ["openai", "anthropic", "gemini"];

    public static GatewayConfig Build(Func<string, string?> environment, out bool simulated)
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
            foreach (var m in ModelsByPreset[kind])
                models[m.Name] = new ModelConfig
                {
                    Deployments = [new DeploymentConfig { Provider = kind, MaxOutputTokens = m.MaxOutput, InputPricePerMillion = m.Input, OutputPricePerMillion = m.Output }],
                };
        }

        // Until the routing engine lands, "auto" tries the cheapest model first and falls back upward.
        var byPrice = ModelsByPreset.Values.SelectMany(x => x)
            .Where(m => models.ContainsKey(m.Name))
            .OrderBy(m => m.Input + m.Output)
            .Select(m => m.Name)
            .ToList();
        return new GatewayConfig
        {
            Providers = providers,
            Models = models,
            Routes = new() { ["auto"] = new RouteConfig { Models = byPrice } },
            Simulator = new SimulatorConfig { Enabled = simulated },
        };
    }
}
