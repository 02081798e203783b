using System.Buffers;
using System.Globalization;
using System.Text;

namespace Switchyard.Server.Telemetry.Prometheus;

/// <summary>
/// Pieces of the Prometheus text exposition format (version 0.0.4): metric and label names, label
/// values and HELP text escaped as the format requires, and sample values.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// The Prometheus name of an instrument, as OpenTelemetry's Prometheus exporters derive it: dots
    /// to underscores, the unit as a suffix ("ms" → "_milliseconds"), "_total" on counters.
    /// </summary>
    public static string MetricName(string instrument, string? unit, bool counter)
    {
        var name = Sanitize(instrument, allowColon: true);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal)) name += "_" + suffix;
        if (counter && !name.EndsWith("_total", StringComparison.Ordinal)) name += "_total";
        return name;
    }

    private static string UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => "",
        _ when unit.StartsWith('{') => "", // an annotation such as {request} names no unit
        "ms" => "milliseconds",
        "s" => "seconds",
        "us" => "microseconds",
        "By" => "bytes",
        _ => Sanitize(unit.ToLowerInvariant(), allowColon: false),
    };

    /// <summary>Replaces every character outside [a-zA-Z0-9_] (and ':' in metric names) with '_'; a leading digit gets a '_' in front.</summary>
    public static string Sanitize(string name, bool allowColon)
    {
        var text = new StringBuilder(name.Length + 1);
        if (name.Length == 0 || char.IsAsciiDigit(name[0])) text.Append('_');
        foreach (var c in name)
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        return text.ToString();
    }

    /// <summary>"# HELP name text\n# TYPE name type\n" as UTF-8.</summary>
    public static byte[] Header(string name, string? help, string type)
    {
        var text = new StringBuilder();
        text.Append("# HELP ").Append(name).Append(' ');
        foreach (var c in help ?? "")
        {
            if (c == '\\') text.Append(@"\\");
            else if (c == '\n') text.Append(@"\n");
            else text.Append(c);
        }
        text.Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// The label block of a series, sorted by label name: <c>{a="x",b="y"}</c>, or empty with no labels.
    /// With <paramref name="open"/>, the block is left open for one more label: <c>{a="x",</c> or <c>{</c>.
    /// </summary>
    public static byte[] Labels(KeyValuePair<string, string>[] tags, bool open)
    {
        if (tags.Length == 0) return open ? "{"u8.ToArray() : [];
        var sorted = tags.Select(t => (Name: Sanitize(t.Key, allowColon: false), t.Value)).OrderBy(t => t.Name, StringComparer.Ordinal);
        var text = new StringBuilder("{");
        var first = true;
        foreach (var (name, value) in sorted)
        {
            if (!first) text.Append(',');
            first = false;
            text.Append(name).Append("=\"");
            AppendEscaped(text, value);
            text.Append('"');
        }
        text.Append(open ? "," : "}");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    public static void AppendEscaped(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '"': text.Append("\\\""); break;
                case '\n': text.Append(@"\n"); break;
                default: text.Append(c); break;
            }
        }
    }

    public static void WriteNumber(IBufferWriter<byte> output, double value)
    {
        if (double.IsPositiveInfinity(value)) output.Write("+Inf"u8);
        else if (double.IsNegativeInfinity(value)) output.Write("-Inf"u8);
        else if (double.IsNaN(value)) output.Write("NaN"u8);
        else
        {
            var span = output.GetSpan(32);
            value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
            output.Advance(written);
        }
    }

    /// <summary>A bucket bound as the le label shows it.</summary>
    public static byte[] Bound(double bound) =>
        Encoding.UTF8.GetBytes(double.IsPositiveInfinity(bound) ? "+Inf" : bound.ToString(CultureInfo.InvariantCulture));
}
