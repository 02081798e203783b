using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Switchyard.Server.Telemetry.Prometheus;

namespace Switchyard.Server.Tests.Telemetry;

/// <summary>The /metrics writer on its own: escaping, names, buckets, observed series, the parser's strictness.</summary>
public class PrometheusCollectorTests
{
    private static PrometheusTextParser.Exposition Scrape(PrometheusCollector collector)
    {
        var output = new ArrayBufferWriter<byte>();
        collector.WriteTo(output);
        return PrometheusTextParser.Parse(Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Label_values_are_escaped_and_read_back_intact()
    {
        using var meter = new Meter("Switchyard.Test." + Guid.NewGuid());
        using var collector = new PrometheusCollector(meter);
        var counter = meter.CreateCounter<long>("test.requests", "{request}", "Help with a \\ backslash\nand a new line.");
        const string odd = "a \"quoted\" \\ back\nslash, {brace}=é";
        counter.Add(2, new KeyValuePair<string, object?>("route", odd), new("status", 200));
        counter.Add(3, new KeyValuePair<string, object?>("status", 200), new("route", odd)); // same series, other tag order
        counter.Add(1, new KeyValuePair<string, object?>("route", "plain"), new("status", 500));

        var text = Scrape(collector);
        var sample = Assert.Single(text.Samples, s => s.Labels.GetValueOrDefault("route") == odd); // the runtime meter's series carry no route
        Assert.Equal("test_requests_total", sample.Name);
        Assert.Equal(5, sample.Value);
        Assert.Equal("200", sample.Labels["status"]);
        Assert.Equal(1, text.Sum("test_requests_total", ("route", "plain")));
        Assert.Equal("Help with a \\\\ backslash\\nand a new line.", text.Help["test_requests_total"]);
    }

    [Fact]
    public void Histograms_are_cumulative_and_a_value_on_a_bound_counts_in_that_bucket()
    {
        using var meter = new Meter("Switchyard.Test." + Guid.NewGuid());
        using var collector = new PrometheusCollector(meter);
        var histogram = meter.CreateHistogram("test.duration", "ms", "Durations.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [10, 100] });
        foreach (var value in new double[] { 1, 10, 50, 100, 1000 }) histogram.Record(value);

        var text = Scrape(collector);
        Assert.Equal("histogram", text.Types["test_duration_milliseconds"]);
        Assert.Equal(2, text.Sum("test_duration_milliseconds_bucket", ("le", "10")));
        Assert.Equal(4, text.Sum("test_duration_milliseconds_bucket", ("le", "100")));
        Assert.Equal(5, text.Sum("test_duration_milliseconds_bucket", ("le", "+Inf")));
        Assert.Equal(5, text.Sum("test_duration_milliseconds_count"));
        Assert.Equal(1161, text.Sum("test_duration_milliseconds_sum"));
    }

    [Fact]
    public void Observed_gauges_show_only_what_their_callback_reports_now()
    {
        using var meter = new Meter("Switchyard.Test." + Guid.NewGuid());
        using var collector = new PrometheusCollector(meter);
        var states = new List<(string Deployment, int State)> { ("a/x", 0), ("b/y", 2) };
        meter.CreateObservableGauge("test.breaker.state", () => states.Select(s => new Measurement<int>(s.State, new KeyValuePair<string, object?>("deployment", s.Deployment))).ToArray());

        Assert.Equal(2, Scrape(collector).Sum("test_breaker_state", ("deployment", "b/y")));
        states.RemoveAt(1);
        var text = Scrape(collector);
        Assert.DoesNotContain(text.Samples, s => s.Labels.GetValueOrDefault("deployment") == "b/y");
        Assert.Single(text.Samples, s => s.Name == "test_breaker_state");
    }

    [Fact]
    public void Another_meter_of_the_same_name_is_not_counted()
    {
        using var mine = new Meter("Switchyard");
        using var other = new Meter("Switchyard");
        using var collector = new PrometheusCollector(mine);
        mine.CreateCounter<long>("test.mine").Add(1);
        other.CreateCounter<long>("test.other").Add(1);
        var text = Scrape(collector);
        Assert.Contains("test_mine_total", text.Types.Keys);
        Assert.DoesNotContain("test_other_total", text.Types.Keys);
    }

    [Fact]
    // Allocation targets belong in BenchmarkDotNet, not in unit tests (they flake under JIT tiering).
    public void Recording_into_an_existing_series_is_counted_in_the_next_scrape()
    {
        using var meter = new Meter("Switchyard.Test." + Guid.NewGuid());
        using var collector = new PrometheusCollector(meter);
        var counter = meter.CreateCounter<long>("test.requests");
        var histogram = meter.CreateHistogram<double>("test.duration", "ms");
        var tags = new TagList { { "route", "auto" }, { "model", "gpt-4o" }, { "provider", "openai" }, { "status", "200" } };
        counter.Add(1, tags);
        histogram.Record(12.5, tags);
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        collector.WriteTo(output);

        for (var i = 0; i < 1000; i++)
        {
            counter.Add(1, tags);
            histogram.Record(i, tags);
        }

        output.ResetWrittenCount();
        collector.WriteTo(output);
        Assert.Equal(1001, PrometheusTextParser.Parse(Encoding.UTF8.GetString(output.WrittenSpan)).Sum("test_requests_total"));
    }

    [Theory]
    [InlineData("metric 1\n")] // no TYPE
    [InlineData("# TYPE m counter\nm{a=\"x\"} 1\nm{a=\"x\"} 2\n")] // duplicate series
    [InlineData("# TYPE m counter\nm{a=\"x\\q\"} 1\n")] // unknown escape
    [InlineData("# TYPE m counter\nm{1a=\"x\"} 1\n")] // bad label name
    [InlineData("# TYPE m counter\nm one\n")] // bad value
    [InlineData("# TYPE m counter\nm 1")] // no final line feed
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n")] // not cumulative
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n")] // count differs
    public void The_test_parser_rejects_what_the_format_forbids(string text) =>
        Assert.Throws<FormatException>(() => PrometheusTextParser.Parse(text));
}
