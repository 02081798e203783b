namespace Switchyard.Simulator.Options;

/// <summary>
/// Probability (0..1) of each injected fault per request. One draw decides: the rates are
/// stacked in declaration order, so their sum should stay at or below 1. All default to 0.
/// </summary>
public sealed record FaultRates
{
    /// <summary>HTTP 500 in the provider's error shape.</summary>
    public double Http500 { get; set; }

    /// <summary>HTTP 503 in the provider's error shape, with Retry-After.</summary>
    public double Http503 { get; set; }

    /// <summary>HTTP 429 with Retry-After (<see cref="SimulatedModelSettings.RetryAfterSeconds"/>).</summary>
    public double Http429 { get; set; }

    /// <summary>No answer at all until the client gives up.</summary>
    public double Hang { get; set; }

    /// <summary>The connection is aborted before any response byte.</summary>
    public double ConnectionReset { get; set; }

    /// <summary>Streams: the connection is aborted after the first content chunk; non-streaming: mid-body.</summary>
    public double StreamCut { get; set; }

    /// <summary>A 200 whose body is not valid JSON.</summary>
    public double MalformedBody { get; set; }

    internal double Total => Http500 + Http503 + Http429 + Hang + ConnectionReset + StreamCut + MalformedBody;
}
