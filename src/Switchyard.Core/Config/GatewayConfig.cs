namespace Switchyard.Core.Config;

/// <summary>
/// The config file as written (YAML, snake_case keys). Bound as-is, then validated into an
/// immutable <see cref="Runtime.GatewaySnapshot"/>; nothing reads these records on the request path.
/// docs/configuration.md documents every field.
/// </summary>
public sealed record GatewayConfig
{
    public ServerConfig Server { get; init; } = new();
    /// <summary>Provider accounts by name (the name becomes the first half of a deployment id).</summary>
    public Dictionary<string, ProviderConfig> Providers { get; init; } = [];
    /// <summary>Public model names clients send, each served by one or more deployments.</summary>
    public Dictionary<string, ModelConfig> Models { get; init; } = [];
    /// <summary>Public route names over several models (a plain model name is a route of its own).</summary>
    public Dictionary<string, RouteConfig> Routes { get; init; } = [];
    public SimulatorConfig Simulator { get; init; } = new();
    public TelemetryConfig Telemetry { get; init; } = new();
    public PricingConfig Pricing { get; init; } = new();
    public AccountingConfig Accounting { get; init; } = new();
    public RoutingSectionConfig Routing { get; init; } = new();
    public RequestLogConfig RequestLog { get; init; } = new();
    /// <summary>Timeouts, retries, fallbacks, circuit breakers and live statistics.</summary>
    public ResilienceConfig Resilience { get; init; } = new();
    public HealthChecksConfig HealthChecks { get; init; } = new();
    /// <summary>Virtual keys and budgets: who may call /v1.</summary>
    public Keys.AuthConfig Auth { get; init; } = new();
}

public sealed record ServerConfig
{
    /// <summary>Where Kestrel listens. Default http://127.0.0.1:8400; --urls overrides it.</summary>
    public string? Urls { get; init; }
    /// <summary>Largest request body accepted; larger bodies get 413. Default 10 MB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 10 * 1024 * 1024;
    /// <summary>Deadline for a whole request, all attempts included. Default 600 s.</summary>
    public double RequestTimeoutSeconds { get; init; } = 600;
    /// <summary>Folder for the SQLite database and other local state. Default ./.data.</summary>
    public string DataDir { get; init; } = ".data";
}

public sealed record ProviderConfig
{
    /// <summary>
    /// The wire format or a preset: openai, anthropic, gemini, or an OpenAI-compatible preset
    /// (deepseek, mistral, together, groq, openrouter, qwen, xai, ollama, vllm, llamacpp) that
    /// supplies the base URL and key variable.
    /// </summary>
    public string? Kind { get; init; }
    /// <summary>Overrides the preset's URL. "simulator" points at the built-in simulator.</summary>
    public string? BaseUrl { get; init; }
    /// <summary>The credential: "env:NAME" reads the environment variable NAME; a literal value works but is discouraged.</summary>
    public string? ApiKey { get; init; }
    /// <summary>Extra headers sent with every call to this provider.</summary>
    public Dictionary<string, string> Headers { get; init; } = [];
}

public sealed record ModelConfig
{
    public List<DeploymentConfig> Deployments { get; init; } = [];
}

public sealed record DeploymentConfig
{
    /// <summary>The provider name from the providers section.</summary>
    public string? Provider { get; init; }
    /// <summary>The model name the provider knows. Default: the public model name.</summary>
    public string? Model { get; init; }
    /// <summary>The catalog entry this deployment serves. Default: the public model name, else the provider's model name.</summary>
    public string? CatalogId { get; init; }
    /// <summary>USD per 1M input tokens; overrides the catalog and live prices (negotiated discounts, self-hosted at 0).</summary>
    public decimal? InputPricePerMillion { get; init; }
    /// <summary>USD per 1M output tokens; overrides the catalog and live prices.</summary>
    public decimal? OutputPricePerMillion { get; init; }
    /// <summary>USD per 1M cached input tokens. Default: the catalog's, else the input price.</summary>
    public decimal? CachedInputPricePerMillion { get; init; }
    /// <summary>USD per 1M tokens written to the prompt cache. Default: the catalog's, else the input price.</summary>
    public decimal? CacheWritePricePerMillion { get; init; }
    /// <summary>USD per request, where the provider bills one.</summary>
    public decimal? PricePerRequest { get; init; }
    /// <summary>Overrides the catalog's context window (tokens). Default for models outside the catalog: 128000.</summary>
    public int? ContextWindow { get; init; }
    /// <summary>Overrides the catalog's output limit; also the max_tokens sent to Anthropic when the client gave none. Default outside the catalog: 4096.</summary>
    public int? MaxOutputTokens { get; init; }
    /// <summary>Replaces the catalog's capabilities: any of tools, vision, json_schema, reasoning.</summary>
    public List<string>? Capabilities { get; init; }
    /// <summary>Data-policy tags added to the catalog's (e.g. no-training, eu-hosted for a self-hosted model).</summary>
    public List<string>? Tags { get; init; }
    /// <summary>Overall capability tier 1-5 for a model outside the catalog. Default 3.</summary>
    public int? Tier { get; init; }
}

public sealed record RouteConfig
{
    /// <summary>The models the route may use (its candidates), in config order.</summary>
    public List<string> Models { get; init; } = [];
    /// <summary>How the candidates that pass the filters are ordered: fixed, cheapest-capable, weighted, lowest-latency, rules. Default fixed (config order).</summary>
    public string Policy { get; init; } = "fixed";
    /// <summary>The policy's parameters (see docs/configuration.md per policy).</summary>
    public Dictionary<string, object>? Params { get; init; }
    /// <summary>An A/B split to another policy.</summary>
    public SplitConfig? Split { get; init; }
    /// <summary>How many fallbacks the plan keeps after the primary. Default: all remaining candidates.</summary>
    public int? MaxFallbacks { get; init; }
    /// <summary>Keep a session (x-session-id or user) on its first deployment. Default true.</summary>
    public bool SessionAffinity { get; init; } = true;
}

public sealed record SplitConfig
{
    /// <summary>Share of traffic (0-100) that takes arm B.</summary>
    public double Percent { get; init; }
    /// <summary>Arm B's policy.</summary>
    public string? Policy { get; init; }
    public Dictionary<string, object>? Params { get; init; }
    /// <summary>"session" (default: a session stays in its arm; requests without one split by request id) or "request".</summary>
    public string By { get; init; } = "session";
}

public sealed record RoutingSectionConfig
{
    public PiiConfig Pii { get; init; } = new();
    /// <summary>How long a session keeps its first deployment. Default 30 minutes.</summary>
    public double SessionAffinityMinutes { get; init; } = 30;
}

public sealed record PiiConfig
{
    /// <summary>Scan prompts for PII (emails, phone numbers, card numbers, IBANs, national ids). Default false.</summary>
    public bool Enabled { get; init; }
    /// <summary>The data-policy tag a request with PII then requires of every deployment. Default no-training.</summary>
    public string Tag { get; init; } = "no-training";
}

public sealed record SimulatorConfig
{
    /// <summary>Start the built-in simulator in-process (implied when a provider's base_url is "simulator").</summary>
    public bool Enabled { get; init; }
}

public sealed record PricingConfig
{
    /// <summary>
    /// Where live prices come from: an http(s) URL or a file path, in OpenRouter's /api/v1/models
    /// format or LiteLLM's model_prices_and_context_window.json format. Default: none (catalog prices only).
    /// </summary>
    public string? RefreshFrom { get; init; }
    /// <summary>How often to refresh. Default 60 minutes.</summary>
    public double RefreshIntervalMinutes { get; init; } = 60;
}

public sealed record AccountingConfig
{
    /// <summary>
    /// The model each request's cost is compared with, to show what routing saved: a catalog id, or
    /// "requested" (the model the client named; for a route, the most expensive model the route
    /// may use). Default "requested".
    /// </summary>
    public string BaselineModel { get; init; } = "requested";
    /// <summary>Output tokens assumed for cost estimates when the request sets no max_tokens. Default 500.</summary>
    public int ExpectedOutputTokens { get; init; } = 500;
}

public static class AccountingBaseline
{
    /// <summary>The baseline is the model the client asked for (for a route: its most expensive model).</summary>
    public const string Requested = "requested";
}

/// <summary>Active health checks: a probe per deployment on an interval; a failed probe marks it down, a good one brings it back.</summary>
public sealed record HealthChecksConfig
{
    /// <summary>Probe every deployment in the background. Default true.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>Time between probe rounds; the first round runs one interval after start-up. Default 30.</summary>
    public double IntervalSeconds { get; init; } = 30;
    /// <summary>
    /// "auto" (default): GET the provider's model list where it has one, else a 1-token completion (simulated
    /// deployments: a completion, since the simulator's model list ignores per-model faults);
    /// "models": the model list (completion where the wire has no list); "completion": a 1-token completion.
    /// Embedding deployments get a one-word embedding instead of a completion.
    /// </summary>
    public string Probe { get; init; } = "auto";
    /// <summary>A probe that takes longer fails. Default 10.</summary>
    public double TimeoutSeconds { get; init; } = 10;
    /// <summary>Probes in flight at once. Default 4.</summary>
    public int MaxConcurrency { get; init; } = 4;
}
