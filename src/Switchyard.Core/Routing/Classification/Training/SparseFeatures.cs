namespace Switchyard.Core.Routing.Classification.Training;

/// <summary>A prompt's features as a sparse vector (bucket → summed value), for training.</summary>
internal sealed record SparseFeatures(int[] Buckets, float[] Values)
{
    public static SparseFeatures Of(string prompt, int mask, string? system = null)
    {
        var collected = new List<(FeatureGroup Group, int Bucket)>();
        var sink = new CollectingSink(collected);
        var counts = TaskFeaturizer.Featurize(prompt, system, mask, ref sink);
        var sums = new SortedDictionary<int, float>();
        foreach (var (group, bucket) in collected)
            sums[bucket] = sums.GetValueOrDefault(bucket) + counts.Scale(group);
        return new SparseFeatures([.. sums.Keys], [.. sums.Values]);
    }

    private readonly struct CollectingSink(List<(FeatureGroup, int)> collected) : IFeatureSink
    {
        public void Add(FeatureGroup group, int bucket) => collected.Add((group, bucket));
    }
}
