using System.Diagnostics;
using System.Diagnostics.Metrics;
using Switchyard.Core.Accounting;
using Switchyard.Core.Health;

namespace Switchyard.Server.Telemetry;

/// <summary>
/// The gateway's instruments, on a Meter named "Switchyard" owned by this gateway (two gateways in one
/// process keep separate counts on /metrics; an OTLP collector subscribes by name and sees both).
/// Fed from the outcome sink only, so every number agrees with the request log.
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    /// <summary>Milliseconds: from a fast cache hit to a long generation.</summary>
    private static readonly double[] LatencyBucketsMs = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000];
    /// <summary>Milliseconds the gateway itself adds: fractions of one for a hot path, tens when something is wrong.</summary>
    private static readonly double[] OverheadBucketsMs = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000];

    private readonly Counter<long> requests;
    private readonly Counter<long> tokens;
    private readonly Counter<double> cost;
    private readonly Histogram<double> latency;
    private readonly Histogram<double> firstByte;
    private readonly Histogram<double> overhead;
    private readonly Counter<long> attempts;
    private readonly Counter<long> fallbacks;
    private readonly Counter<long> retries;

    public GatewayMetrics(Func<IHealthRegistry?> health, Func<Storage.Writing.RequestLogCounters?> requestLog)
    {
        Meter = new Meter(new MeterOptions(SwitchyardTelemetry.Name) { Version = SwitchyardTelemetry.Version, Tags = InstanceTags() });
        requests = Meter.CreateCounter<long>("switchyard.requests", "{request}", "Finished requests by route, answering model, provider and HTTP status.");
        tokens = Meter.CreateCounter<long>("switchyard.tokens", "{token}", "Tokens by direction (input or output), model and provider.");
        cost = Meter.CreateCounter<double>("switchyard.cost", "USD", "Cost of answered requests in US dollars, by route, model and provider.");
        latency = Meter.CreateHistogram("switchyard.request.duration", "ms", "Time from request to the end of the answer, by route, model, provider and status.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBucketsMs });
        firstByte = Meter.CreateHistogram("switchyard.time_to_first_byte", "ms", "Time from request to the first byte of the answer (a stream: its first chunk), by route, model, provider and whether it streamed.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBucketsMs });
        overhead = Meter.CreateHistogram("switchyard.gateway.overhead", "ms", "Time the gateway added to a request: its duration minus the time spent waiting on upstreams, by route.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = OverheadBucketsMs });
        attempts = Meter.CreateCounter<long>("switchyard.attempts", "{attempt}", "Upstream calls by deployment and outcome (ok or the error kind).");
        fallbacks = Meter.CreateCounter<long>("switchyard.fallbacks", "{fallback}", "Failed attempts after which a request moved on to another deployment, by route, failed deployment and reason.");
        retries = Meter.CreateCounter<long>("switchyard.retries", "{retry}", "Failed attempts retried on the same deployment, by route, deployment and reason.");
        Meter.CreateObservableGauge("switchyard.breaker.state", () => BreakerStates(health()), "{state}",
            "Circuit breaker state per deployment: 0 closed, 1 half-open, 2 open, 3 down (failed health check).");
        RequestLogMetrics.Register(Meter, requestLog);
    }

    public Meter Meter { get; }

    private static int live, sequence;

    /// <summary>
    /// None for the only gateway of a process (the usual case: stable series). A second gateway alive
    /// at the same time (tests, embedders) gets a scope tag of its own: OpenTelemetry would otherwise
    /// merge the two Meters' streams and drop the merged stream when the first one is disposed.
    /// </summary>
    private static KeyValuePair<string, object?>[]? InstanceTags() =>
        Interlocked.Increment(ref live) == 1 ? null : [new("switchyard.gateway.instance", Interlocked.Increment(ref sequence))];

    public void Record(RequestOutcome outcome)
    {
        var answered = outcome.Trace.Answered;
        var route = outcome.Route ?? "";
        var model = answered?.Model.Id ?? "";
        var provider = answered?.Provider.Name ?? "";
        var status = StatusText.Of(outcome.Status);

        requests.Add(1, new TagList { { "route", route }, { "model", model }, { "provider", provider }, { "status", status } });
        latency.Record(outcome.Elapsed.TotalMilliseconds, new TagList { { "route", route }, { "model", model }, { "provider", provider }, { "status", status } });
        if (outcome.TimeToFirstByte is { } ttfb)
            firstByte.Record(ttfb.TotalMilliseconds, new TagList { { "route", route }, { "model", model }, { "provider", provider }, { "streamed", outcome.Streamed ? "true" : "false" } });
        if (outcome.UpstreamTime is { } upstream)
            overhead.Record(Math.Max(0, (outcome.Elapsed - upstream).TotalMilliseconds), new TagList { { "route", route } });
        if (outcome.Usage is { } usage && answered is not null)
        {
            tokens.Add(usage.PromptTokens, new TagList { { "direction", "input" }, { "model", model }, { "provider", provider } });
            tokens.Add(usage.CompletionTokens, new TagList { { "direction", "output" }, { "model", model }, { "provider", provider } });
        }
        if (outcome.Cost is { } c && answered is not null)
            cost.Add((double)c.Cost, new TagList { { "route", route }, { "model", model }, { "provider", provider } });

        var trace = outcome.Trace.Attempts;
        for (var i = 0; i < trace.Count; i++)
        {
            var attempt = trace[i];
            attempts.Add(1, new TagList { { "deployment", attempt.DeploymentId }, { "outcome", attempt.Outcome } });
            if (i == trace.Count - 1 || attempt.Outcome == "ok") continue;
            var next = trace[i + 1].DeploymentId == attempt.DeploymentId ? retries : fallbacks;
            next.Add(1, new TagList { { "route", route }, { "deployment", attempt.DeploymentId }, { "reason", attempt.Outcome } });
        }
    }

    private static IEnumerable<Measurement<int>> BreakerStates(IHealthRegistry? health)
    {
        if (health is null) return [];
        var all = health.All();
        var result = new Measurement<int>[all.Count];
        for (var i = 0; i < all.Count; i++) result[i] = new Measurement<int>(StateValue(all[i].State), new KeyValuePair<string, object?>("deployment", all[i].DeploymentId));
        return result;
    }

    private static int StateValue(BreakerState state) => state switch
    {
        BreakerState.Closed => 0,
        BreakerState.HalfOpen => 1,
        BreakerState.Open => 2,
        _ => 3,
    };

    public void Dispose()
    {
        Meter.Dispose();
        Interlocked.Decrement(ref live);
    }
}

/// <summary>Status codes as cached strings, so a tag costs no allocation per request.</summary>
internal static class StatusText
{
    private static readonly string[] Cache = Enumerable.Range(0, 600).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static string Of(int status) => (uint)status < Cache.Length ? Cache[status] : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
