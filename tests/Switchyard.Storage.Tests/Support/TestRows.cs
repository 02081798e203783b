using Switchyard.Storage.Rows;

namespace Switchyard.Storage.Tests.Support;

public static class TestRows
{
    public static readonly DateTimeOffset Epoch = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static RequestLogRow Row(string id, DateTimeOffset? time = null, string? model = "gpt-4.1-mini", string? provider = "openai",
        double? cost = 0.001, double? baseline = 0.002, double latencyMs = 100, int status = 200, string? error = null,
        int input = 10, int output = 20, string? route = "auto", string? policy = "cheapest-capable", string? arm = null,
        string? keyId = null, string? project = null, string? prompt = null) => new()
    {
        Id = id,
        TimeMs = (time ?? Epoch).ToUnixTimeMilliseconds(),
        Endpoint = "chat",
        KeyId = keyId,
        Project = project,
        Route = route,
        Policy = policy,
        Arm = arm,
        Task = "coding",
        TaskConfidence = 0.75,
        Plan = "[\"openai/gpt-4.1-mini\"]",
        Attempts = "[{\"deployment\":\"openai/gpt-4.1-mini\",\"outcome\":\"ok\",\"status\":200,\"latency_ms\":90}]",
        AttemptCount = 1,
        Deployment = model is null ? null : $"{provider}/{model}",
        Model = model,
        Provider = provider,
        Streamed = false,
        InputTokens = input,
        OutputTokens = output,
        CachedTokens = 2,
        ReasoningTokens = 1,
        CostUsd = cost,
        CostEstimated = false,
        BaselineCostUsd = baseline,
        BaselineModel = baseline is null ? null : "gpt-4.1",
        TtftMs = latencyMs / 2,
        LatencyMs = latencyMs,
        UpstreamMs = latencyMs - 5,
        OverheadMs = 5,
        ResponseSha256 = new string('a', 64),
        Status = status,
        Error = error,
        Prompt = prompt,
    };

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sy-storage-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
