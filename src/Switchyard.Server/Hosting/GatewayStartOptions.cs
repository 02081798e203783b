using Microsoft.Extensions.Logging;
using Switchyard.Core.Config;

namespace Switchyard.Server.Hosting;

/// <summary>How to start a gateway: the bound config and where it came from (for error messages).</summary>
public sealed record GatewayStartOptions(GatewayConfig Config, string ConfigSource)
{
    /// <summary>Overrides server.urls. Default http://127.0.0.1:8400.</summary>
    public string? Urls { get; init; }
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
    public TimeProvider Time { get; init; } = TimeProvider.System;
    /// <summary>Minimum level of the console log. Default Information.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>The model catalog. Default: the built-in catalog.</summary>
    public Switchyard.Core.Catalog.ModelCatalog? Catalog { get; init; }

    /// <summary>Receivers of every finished request besides the access log (tests, embedders).</summary>
    public IReadOnlyList<Switchyard.Core.Accounting.IOutcomeSink> OutcomeSinks { get; init; } = [];

    public const string DefaultUrls = "http://127.0.0.1:8400";
}
