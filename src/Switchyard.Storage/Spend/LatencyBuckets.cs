namespace Switchyard.Storage.Spend;

/// <summary>
/// Log-scale latency buckets, stored with every row (latency_bucket) so percentiles come out of
/// one GROUP BY in any SQL dialect: bucket b holds latencies in (γ^(b-1), γ^b] ms with γ = 1.04,
/// and is read back as the value with the least relative error to both ends, 2γ^b/(γ+1).
/// A percentile read this way is within 2% of the exact one (the DDSketch construction).
/// </summary>
public static class LatencyBuckets
{
    public const double Gamma = 1.04;
    private static readonly double LogGamma = Math.Log(Gamma);

    /// <summary>The bucket of a latency; 0 for anything up to 1 ms.</summary>
    public static int Of(double milliseconds) =>
        milliseconds <= 1 ? 0 : (int)Math.Ceiling(Math.Log(milliseconds) / LogGamma - 1e-9);

    /// <summary>The value a bucket stands for.</summary>
    public static double ValueOf(int bucket) => bucket <= 0 ? 1 : 2 * Math.Pow(Gamma, bucket) / (Gamma + 1);
}
