namespace Switchyard.Storage.Spend;

/// <summary>
/// Folds the SQL answers into a line per group: rows read through the index come one per group and
/// latency bucket, rollup rows one per group and hour with a stored histogram. Sums add up, bucket
/// counts become the group's latency histogram for its percentiles.
/// </summary>
internal sealed class SpendAccumulator(IReadOnlyList<SpendDimension> dimensions)
{
    private readonly Dictionary<string, Group> groups = new(StringComparer.Ordinal);
    private readonly Group total = new([]);

    public void Add(string?[] key, int bucket, long requests, long errors, long input, long output, long cached, long reasoning,
        double cost, double baseline, double savings)
    {
        var group = GroupOf(key);
        group.Add(requests, errors, input, output, cached, reasoning, cost, baseline, savings);
        total.Add(requests, errors, input, output, cached, reasoning, cost, baseline, savings);
        group.Latency.Add(bucket, requests);
    }

    /// <summary>A rollup row: its sums and its stored latency histogram.</summary>
    public void AddRollup(string?[] key, ReadOnlySpan<char> latency, long requests, long errors, long input, long output, long cached, long reasoning,
        double cost, double baseline, double savings)
    {
        var group = GroupOf(key);
        group.Add(requests, errors, input, output, cached, reasoning, cost, baseline, savings);
        total.Add(requests, errors, input, output, cached, reasoning, cost, baseline, savings);
        group.Latency.Add(latency);
    }

    private Group GroupOf(string?[] key)
    {
        var id = key.Length switch
        {
            0 => "",
            1 => key[0] ?? "\u0000",
            _ => string.Join('\u001f', key.Select(k => k ?? "\u0000")),
        };
        if (!groups.TryGetValue(id, out var group)) groups[id] = group = new Group(key);
        return group;
    }

    public SpendReport Build(SpendQuery query)
    {
        foreach (var group in groups.Values) total.Latency.Add(group.Latency); // once here, not per answer row
        var lines = groups.Values.Select(g => g.Line(dimensions))
            .OrderByDescending(l => dimensions.Any(d => d.IsTimeBucket) ? 0 : l.CostUsd)
            .ThenBy(l => string.Join(",", dimensions.Select(d => l.Key[d.Name])), StringComparer.Ordinal)
            .ToList();
        return new SpendReport(query.From, query.To, dimensions.Select(d => d.Name).ToList(), lines, total.Line([]));
    }

    private sealed class Group(string?[] key)
    {
        private long requests, errors, input, output, cached, reasoning;
        private double cost, baseline, savings;

        public LatencyHistogram Latency { get; } = new();

        public void Add(long r, long e, long i, long o, long c, long rs, double co, double b, double s)
        {
            requests += r; errors += e; input += i; output += o; cached += c; reasoning += rs;
            cost += co; baseline += b; savings += s;
        }

        public SpendLine Line(IReadOnlyList<SpendDimension> dimensions)
        {
            var keyed = new Dictionary<string, string?>(dimensions.Count);
            for (var d = 0; d < dimensions.Count; d++) keyed[dimensions[d].Name] = key[d];
            return new SpendLine(keyed, requests, errors, requests == 0 ? 0 : (double)errors / requests, input, output, cached, reasoning,
                cost, baseline, savings, Round(Latency.Quantile(0.50)), Round(Latency.Quantile(0.95)));
        }

        private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;
    }
}
