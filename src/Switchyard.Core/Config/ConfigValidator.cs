using System.Collections.Frozen;
using Switchyard.Core.Catalog;
using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Config;

/// <summary>
/// Turns a bound <see cref="GatewayConfig"/> into a <see cref="GatewaySnapshot"/>, collecting every
/// problem with its path (e.g. "models.gpt-4o.deployments[0].provider") before failing, so one
/// start-up shows all mistakes at once.
/// </summary>
public sealed class ConfigValidator(Func<string, string?> environment, Uri? simulatorBaseAddress, ModelCatalog catalog,
    IReadOnlyList<IRoutingPolicyFactory>? policyFactories = null)
{
    private readonly IReadOnlyList<IRoutingPolicyFactory> policies = policyFactories ?? RoutingPolicies.Builtin;

    public const string SimulatorUrl = "simulator";

    public GatewaySnapshot Validate(GatewayConfig config, string source)
    {
        var problems = new List<string>();
        var providers = ValidateProviders(config, problems);
        var factory = new DeploymentFactory(catalog);
        var routes = new Dictionary<string, RouteEntry>(StringComparer.Ordinal);
        var simulated = config.Providers.Where(p => IsSimulated(p.Value)).Select(p => p.Key).ToHashSet();

        foreach (var (name, model) in config.Models)
        {
            var path = $"models.{name}";
            if (model.Deployments.Count == 0) problems.Add($"{path}.deployments: at least one deployment is required");
            var deployments = new List<Deployment>();
            for (var i = 0; i < model.Deployments.Count; i++)
            {
                var d = model.Deployments[i];
                var dpath = $"{path}.deployments[{i}]";
                if (d.Provider is null) { problems.Add($"{dpath}.provider: required"); continue; }
                if (!providers.TryGetValue(d.Provider, out var endpoint))
                {
                    if (!config.Providers.ContainsKey(d.Provider))
                        problems.Add($"{dpath}.provider: unknown provider '{d.Provider}' (known: {string.Join(", ", config.Providers.Keys)})");
                    continue;
                }
                if (factory.Build(name, d, endpoint, simulated.Contains(d.Provider), dpath, problems) is { } deployment)
                    deployments.Add(deployment);
            }
            // Several deployments of one model share its traffic (equal weights, moved by health), as LiteLLM's router does.
            IRoutingPolicy policy = deployments.Count > 1 ? new WeightedPolicy(name, new Dictionary<string, double>()) : FixedPolicy.Instance;
            routes[name] = new RouteEntry(name, IsModel: true, deployments, policy);
        }

        var routeFactory = new RouteFactory(policies);
        bool IsKnownTarget(string target) => config.Models.ContainsKey(target) || config.Routes.ContainsKey(target);
        foreach (var (name, route) in config.Routes)
        {
            var path = $"routes.{name}";
            if (config.Models.ContainsKey(name)) { problems.Add($"{path}: the name is already a model name"); continue; }
            if (route.Models.Count == 0) problems.Add($"{path}.models: at least one model is required");
            var deployments = new List<Deployment>();
            foreach (var model in route.Models)
            {
                if (routes.TryGetValue(model, out var entry) && entry.IsModel) deployments.AddRange(entry.Deployments);
                else problems.Add($"{path}.models: unknown model '{model}'");
            }
            if (routeFactory.Build(name, route, deployments, IsKnownTarget, problems) is { } built) routes[name] = built;
        }

        if (config.Server.MaxRequestBodyBytes <= 0) problems.Add("server.max_request_body_bytes: must be positive");
        config.Telemetry.Validate(problems);
        if (config.Server.RequestTimeoutSeconds <= 0) problems.Add("server.request_timeout_seconds: must be positive");
        if (config.Routing.SessionAffinityMinutes <= 0) problems.Add("routing.session_affinity_minutes: must be positive");
        if (string.IsNullOrWhiteSpace(config.Routing.Pii.Tag)) problems.Add("routing.pii.tag: must not be empty");
        if (config.Pricing.RefreshIntervalMinutes <= 0) problems.Add("pricing.refresh_interval_minutes: must be positive");
        RequestLogRules.Validate(config.RequestLog, environment, problems);
        if (config.Accounting.ExpectedOutputTokens <= 0) problems.Add("accounting.expected_output_tokens: must be positive");
        if (config.Accounting.BaselineModel != AccountingBaseline.Requested && catalog.Find(config.Accounting.BaselineModel) is null && !config.Models.ContainsKey(config.Accounting.BaselineModel))
            problems.Add($"accounting.baseline_model: '{config.Accounting.BaselineModel}' is neither \"requested\", a catalog id nor a configured model");
        ValidateHealthChecks(config.HealthChecks, problems);
        config.Auth.Validate(environment, problems);
        var resilience = ResilienceValidator.Validate(config.Resilience, problems);
        if (problems.Count > 0) throw new ConfigException(source, problems);

        return new GatewaySnapshot
        {
            Server = config.Server,
            Catalog = catalog,
            Pricing = config.Pricing,
            Accounting = config.Accounting,
            Routing = new RoutingSettings
            {
                PiiEnabled = config.Routing.Pii.Enabled,
                PiiTag = config.Routing.Pii.Tag,
                SessionAffinity = TimeSpan.FromMinutes(config.Routing.SessionAffinityMinutes),
            },
            Providers = providers.ToFrozenDictionary(),
            Routes = routes.ToFrozenDictionary(StringComparer.Ordinal),
            Resilience = resilience,
            HealthChecks = config.HealthChecks,
        };
    }

    private static void ValidateHealthChecks(HealthChecksConfig h, List<string> problems)
    {
        if (h.IntervalSeconds <= 0) problems.Add("health_checks.interval_seconds: must be positive");
        if (h.TimeoutSeconds <= 0) problems.Add("health_checks.timeout_seconds: must be positive");
        if (h.MaxConcurrency < 1) problems.Add("health_checks.max_concurrency: must be at least 1");
        if (Health.Probes.ProbeModes.Parse(h.Probe) is null)
            problems.Add($"health_checks.probe: unknown probe '{h.Probe}' (one of {string.Join(", ", Health.Probes.ProbeModes.Names)})");
    }

    private Dictionary<string, ProviderEndpoint> ValidateProviders(GatewayConfig config, List<string> problems)
    {
        var result = new Dictionary<string, ProviderEndpoint>();
        foreach (var (name, p) in config.Providers)
        {
            var path = $"providers.{name}";
            if (name.Contains('/')) { problems.Add($"{path}: a provider name must not contain '/'"); continue; }
            if (string.IsNullOrWhiteSpace(p.Kind)) { problems.Add($"{path}.kind: required (one of {string.Join(", ", ProviderPresets.All.Select(x => x.Kind))})"); continue; }
            var preset = ProviderPresets.Find(p.Kind);
            if (preset is null) { problems.Add($"{path}.kind: unknown kind '{p.Kind}' (one of {string.Join(", ", ProviderPresets.All.Select(x => x.Kind))})"); continue; }

            var baseUrl = ResolveBaseUrl(p, preset, path, problems);
            if (baseUrl is null) continue;
            var key = IsSimulated(p) ? "simulated" : ResolveKey(p, preset, path, problems);
            result[name] = new ProviderEndpoint(name, preset.Wire, baseUrl, key, p.Headers);
        }
        return result;
    }

    private Uri? ResolveBaseUrl(ProviderConfig p, ProviderPreset preset, string path, List<string> problems)
    {
        if (IsSimulated(p))
        {
            if (simulatorBaseAddress is null) { problems.Add($"{path}.base_url: the simulator is not running"); return null; }
            // The OpenAI wire takes a base ending in /v1; Anthropic and Gemini take scheme and host.
            return preset.Wire == "openai" ? new Uri(simulatorBaseAddress, "/v1") : simulatorBaseAddress;
        }
        var raw = p.BaseUrl ?? preset.DefaultBaseUrl;
        if (raw is null) { problems.Add($"{path}.base_url: required for kind '{preset.Kind}'"); return null; }
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            problems.Add($"{path}.base_url: '{raw}' is not an absolute http(s) URL");
            return null;
        }
        return uri;
    }

    private string? ResolveKey(ProviderConfig p, ProviderPreset preset, string path, List<string> problems)
    {
        var reference = p.ApiKey ?? (preset.KeyVariable is { } v ? "env:" + v : null);
        if (reference is null) return null; // local servers (ollama, vllm, llama.cpp) need none
        if (!reference.StartsWith("env:", StringComparison.Ordinal)) return reference;
        var variable = reference[4..];
        var value = environment(variable);
        if (string.IsNullOrEmpty(value)) problems.Add($"{path}.api_key: the environment variable {variable} is not set");
        return value;
    }

    public static bool IsSimulated(ProviderConfig p) => string.Equals(p.BaseUrl, SimulatorUrl, StringComparison.OrdinalIgnoreCase);
}
