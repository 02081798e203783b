namespace Switchyard.Storage.Spend;

/// <summary>What GET /admin/v1/spend asks: a time range [From, To) and the dimensions to group by (none = one total).</summary>
public sealed record SpendQuery(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SpendDimension> GroupBy);

/// <summary>A group_by dimension: its name in the API and the SQL expression it groups on.</summary>
public sealed record SpendDimension(string Name, string Sql)
{
    public static readonly SpendDimension Model = new("model", "model");
    public static readonly SpendDimension Provider = new("provider", "provider");
    public static readonly SpendDimension Key = new("key", "key_id");
    public static readonly SpendDimension Project = new("project", "project");
    public static readonly SpendDimension Route = new("route", "route");
    public static readonly SpendDimension Policy = new("policy", "policy");
    public static readonly SpendDimension Arm = new("arm", "arm");
    public static readonly SpendDimension Hour = new("bucket:hour", "(time_ms / 3600000) * 3600000");
    public static readonly SpendDimension Day = new("bucket:day", "(time_ms / 86400000) * 86400000");

    public static readonly IReadOnlyList<SpendDimension> All = [Model, Provider, Key, Project, Route, Policy, Arm, Hour, Day];

    public bool IsTimeBucket => Name.StartsWith("bucket:", StringComparison.Ordinal);

    /// <summary>The bucket a time falls in, for time buckets (the same integer arithmetic as <see cref="Sql"/>).</summary>
    public long BucketOf(long timeMs) => Name == Day.Name ? timeMs / 86_400_000 * 86_400_000 : timeMs / 3_600_000 * 3_600_000;

    /// <summary>How a time bucket is written in a report's group key.</summary>
    public static string FormatBucket(long bucketMs) => DateTimeOffset.FromUnixTimeMilliseconds(bucketMs).ToString("yyyy-MM-ddTHH:mm:ssZ");

    /// <summary>Parses "model,provider,bucket:day"; throws <see cref="FormatException"/> naming the unknown one.</summary>
    public static IReadOnlyList<SpendDimension> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var result = new List<SpendDimension>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = part.ToLowerInvariant() switch { "hour" => "bucket:hour", "day" => "bucket:day", var n => n };
            var dimension = All.FirstOrDefault(d => d.Name == name)
                ?? throw new FormatException($"unknown group_by '{part}' (one of {string.Join(", ", All.Select(d => d.Name))})");
            if (dimension.IsTimeBucket && result.Any(d => d.IsTimeBucket)) throw new FormatException("group_by takes one time bucket at most");
            if (!result.Contains(dimension)) result.Add(dimension);
        }
        return result;
    }
}
