namespace Switchyard.Server.Telemetry;

/// <summary>
/// Attribute names from the OpenTelemetry GenAI semantic conventions (gen-ai-spans, v1.37+), plus
/// Switchyard's own under "switchyard.". gen_ai.system is the pre-1.37 name of gen_ai.provider.name,
/// still read by many backends, so both are set.
/// </summary>
public static class GenAiAttributes
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string System = "gen_ai.system";
    public const string RequestModel = "gen_ai.request.model";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string RequestTemperature = "gen_ai.request.temperature";
    public const string RequestTopP = "gen_ai.request.top_p";
    public const string ResponseModel = "gen_ai.response.model";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string ErrorType = "error.type";
    public const string HttpStatus = "http.response.status_code";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";

    public const string RequestId = "switchyard.request_id";
    public const string Route = "switchyard.route";
    public const string Policy = "switchyard.policy";
    public const string Arm = "switchyard.arm";
    public const string Attempts = "switchyard.attempts";
    public const string Attempt = "switchyard.attempt";
    public const string CostUsd = "switchyard.cost_usd";
    public const string CostEstimated = "switchyard.cost_estimated";
    public const string BaselineCostUsd = "switchyard.baseline_cost_usd";
    public const string Deployment = "switchyard.deployment";
    public const string Provider = "switchyard.provider";
    public const string Streamed = "switchyard.streamed";
    public const string TimeToFirstByteMs = "switchyard.time_to_first_byte_ms";
    public const string OverheadMs = "switchyard.overhead_ms";

    /// <summary>The well-known gen_ai.provider.name for a wire format (OpenAI-compatible providers report "openai").</summary>
    public static string ProviderFor(string wire) => wire switch
    {
        "gemini" => "gcp.gemini",
        _ => wire,
    };

    /// <summary>gen_ai.operation.name for a gateway endpoint.</summary>
    public static string OperationFor(string endpoint) => endpoint switch
    {
        "embeddings" => "embeddings",
        _ => "chat",
    };
}
