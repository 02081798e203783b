namespace Switchyard.Cli.Bench;

/// <summary>
/// One load phase: streaming or not, and either open-loop at a fixed rate (requests are started on
/// schedule whether or not earlier ones have answered, so a slow server cannot slow the load down)
/// or closed-loop with a fixed number of connections each sending its next request as soon as the
/// last one answered (saturation).
/// </summary>
public sealed record PhaseSpec(bool Stream, double? Rate, int Connections, TimeSpan Duration)
{
    public bool IsOpenLoop => Rate is not null;

    public string Label => (Stream ? "stream" : "non-stream") + " " + (Rate is { } r ? $"@{r:0}/s" : $"saturation {Connections} conn");
}
