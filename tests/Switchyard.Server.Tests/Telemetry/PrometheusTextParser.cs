using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Switchyard.Server.Tests.Telemetry;

/// <summary>
/// A strict reader of the Prometheus text exposition format (0.0.4), written from the format's
/// description: every line is a HELP, TYPE or other comment, a sample, or empty; metric and label
/// names match their grammar; label values use only the three escapes; values are floats or
/// +Inf/-Inf/NaN. It also checks what the format requires across lines: one TYPE per family, before
/// its samples; no duplicate series; histogram buckets cumulative, with +Inf equal to _count.
/// Throws <see cref="FormatException"/> naming the line on the first violation.
/// </summary>
public static partial class PrometheusTextParser
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public sealed class Exposition
    {
        public List<Sample> Samples { get; } = [];
        public Dictionary<string, string> Types { get; } = [];
        public Dictionary<string, string> Help { get; } = [];

        /// <summary>The sum of a metric's samples whose labels include all of <paramref name="match"/>.</summary>
        public double Sum(string name, params (string Label, string Value)[] match) =>
            Samples.Where(s => s.Name == name && match.All(m => s.Labels.TryGetValue(m.Label, out var v) && v == m.Value)).Sum(s => s.Value);
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")] private static partial Regex MetricName();
    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")] private static partial Regex LabelName();
    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")] private static partial Regex Float();

    private static readonly HashSet<string> TypeNames = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static Exposition Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n')) throw new FormatException("the last line does not end with a line feed");
        var result = new Exposition();
        var seen = new HashSet<string>();
        var familiesWithSamples = new HashSet<string>();
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length - 1; n++)
        {
            var line = lines[n];
            try
            {
                if (line.Length == 0) continue;
                if (line.StartsWith('#')) { Comment(line, result, familiesWithSamples); continue; }
                var sample = ParseSample(line);
                var family = FamilyOf(sample.Name, result.Types);
                if (!result.Types.ContainsKey(family)) throw new FormatException($"sample of '{family}' before (or without) its TYPE line");
                familiesWithSamples.Add(family);
                var identity = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
                if (!seen.Add(identity)) throw new FormatException($"duplicate series {identity}");
                result.Samples.Add(sample);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"line {n + 1} '{line}': {ex.Message}", ex);
            }
        }
        CheckHistograms(result);
        return result;
    }

    private static void Comment(string line, Exposition result, HashSet<string> familiesWithSamples)
    {
        var parts = line.Split(' ', 4);
        if (parts.Length < 3 || parts[0] != "#" || parts[1] is not ("HELP" or "TYPE")) return; // an ordinary comment
        var name = parts[2];
        if (!MetricName().IsMatch(name)) throw new FormatException($"bad metric name '{name}'");
        if (parts[1] == "TYPE")
        {
            if (parts.Length != 4 || !TypeNames.Contains(parts[3])) throw new FormatException("TYPE needs one of " + string.Join(", ", TypeNames));
            if (!result.Types.TryAdd(name, parts[3])) throw new FormatException($"second TYPE line for '{name}'");
            if (familiesWithSamples.Contains(name)) throw new FormatException($"TYPE for '{name}' after its samples");
        }
        else
        {
            var help = parts.Length == 4 ? parts[3] : "";
            for (var i = 0; i < help.Length; i++)
                if (help[i] == '\\' && (i + 1 >= help.Length || help[++i] is not ('\\' or 'n'))) throw new FormatException("HELP escapes only \\\\ and \\n");
            if (!result.Help.TryAdd(name, help)) throw new FormatException($"second HELP line for '{name}'");
        }
    }

    private static Sample ParseSample(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' ')) i++;
        var name = line[..i];
        if (!MetricName().IsMatch(name)) throw new FormatException($"bad metric name '{name}'");
        var labels = new Dictionary<string, string>();
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                if (i >= line.Length) throw new FormatException("unterminated label set");
                if (line[i] == '}') { i++; break; }
                var start = i;
                while (i < line.Length && line[i] != '=') i++;
                var label = line[start..i];
                if (!LabelName().IsMatch(label)) throw new FormatException($"bad label name '{label}'");
                if (++i >= line.Length || line[i] != '"') throw new FormatException("label value must be quoted");
                i++;
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= line.Length) throw new FormatException("unterminated label value");
                    var c = line[i++];
                    if (c == '"') break;
                    if (c == '\\')
                    {
                        if (i >= line.Length) throw new FormatException("dangling escape");
                        value.Append(line[i++] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw new FormatException($"unknown escape \\{other}"),
                        });
                    }
                    else value.Append(c);
                }
                if (!labels.TryAdd(label, value.ToString())) throw new FormatException($"label '{label}' twice");
                if (i < line.Length && line[i] == ',') i++;
                else if (i >= line.Length || line[i] != '}') throw new FormatException("expected ',' or '}' after a label");
            }
        }
        if (i >= line.Length || line[i] != ' ') throw new FormatException("expected one space before the value");
        var rest = line[(i + 1)..].Split(' ');
        if (rest.Length is < 1 or > 2) throw new FormatException("expected a value and an optional timestamp");
        if (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) throw new FormatException("bad timestamp");
        return new Sample(name, labels, Value(rest[0]));
    }

    private static double Value(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when Float().IsMatch(text) => double.Parse(text, CultureInfo.InvariantCulture),
        _ => throw new FormatException($"bad value '{text}'"),
    };

    private static string FamilyOf(string sample, Dictionary<string, string> types)
    {
        foreach (var suffix in (string[])["_bucket", "_sum", "_count"])
            if (sample.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(sample[..^suffix.Length], out var type) && type is "histogram" or "summary")
                return sample[..^suffix.Length];
        return sample;
    }

    private static void CheckHistograms(Exposition result)
    {
        foreach (var (family, _) in result.Types.Where(t => t.Value == "histogram"))
        {
            var buckets = result.Samples.Where(s => s.Name == family + "_bucket")
                .GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}")));
            foreach (var series in buckets)
            {
                double previous = 0, previousBound = double.NegativeInfinity;
                foreach (var bucket in series)
                {
                    if (!bucket.Labels.TryGetValue("le", out var le)) throw new FormatException($"{family}_bucket without le");
                    var bound = Value(le);
                    if (bound <= previousBound) throw new FormatException($"{family} buckets not in increasing le order");
                    if (bucket.Value < previous) throw new FormatException($"{family} buckets not cumulative");
                    previous = bucket.Value;
                    previousBound = bound;
                }
                if (!double.IsPositiveInfinity(previousBound)) throw new FormatException($"{family} has no +Inf bucket");
                var count = result.Samples.Single(s => s.Name == family + "_count" && Same(s.Labels, series.First().Labels));
                if (count.Value != previous) throw new FormatException($"{family}_count {count.Value} differs from the +Inf bucket {previous}");
                _ = result.Samples.Single(s => s.Name == family + "_sum" && Same(s.Labels, series.First().Labels));
            }
        }
    }

    private static bool Same(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> bucketLabels) =>
        labels.Count == bucketLabels.Count - 1 && labels.All(l => bucketLabels.TryGetValue(l.Key, out var v) && v == l.Value);
}
