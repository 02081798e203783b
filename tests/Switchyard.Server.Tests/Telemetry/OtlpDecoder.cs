using System.Buffers.Binary;
using System.Text;

namespace Switchyard.Server.Tests.Telemetry;

/// <summary>
/// Decodes the parts of OTLP protobuf messages the tests look at, straight from the protobuf wire
/// format (the exporter package keeps its generated types internal): spans with their attributes,
/// and metrics with their sum data points. Field numbers are those of opentelemetry-proto v1.
/// </summary>
public static class OtlpDecoder
{
    public sealed record Span(string Name, int Kind, string TraceId, string SpanId, string ParentSpanId, ulong StartNanos, ulong EndNanos,
        Dictionary<string, object?> Attributes, int StatusCode);

    public sealed record DataPoint(Dictionary<string, object?> Attributes, double Value);

    /// <param name="Scope">The instrumentation scope: its name, version and attributes as one text.</param>
    public sealed record Metric(string Scope, string Name, string Unit, string Kind, List<DataPoint> Points);

    /// <summary>ExportTraceServiceRequest → ResourceSpans(1) → ScopeSpans(2) → Span(2).</summary>
    public static List<Span> Spans(byte[] body)
    {
        var spans = new List<Span>();
        foreach (var resource in Messages(body, 1))
        foreach (var scope in Messages(resource, 2))
        foreach (var span in Messages(scope, 2))
            spans.Add(ReadSpan(span));
        return spans;
    }

    /// <summary>ExportMetricsServiceRequest → ResourceMetrics(1) → ScopeMetrics(2) → Metric(2).</summary>
    public static List<Metric> Metrics(byte[] body)
    {
        var metrics = new List<Metric>();
        foreach (var resource in Messages(body, 1))
        foreach (var scope in Messages(resource, 2))
        {
            var scopeText = string.Join("|", Messages(scope, 1).Select(ScopeText));
            foreach (var metric in Messages(scope, 2))
                metrics.Add(ReadMetric(scopeText, metric));
        }
        return metrics;
    }

    /// <summary>The resource attributes of the first resource (service.name...).</summary>
    public static Dictionary<string, object?> ResourceAttributes(byte[] body)
    {
        foreach (var resource in Messages(body, 1))
        foreach (var r in Messages(resource, 1))
            return Attributes(r, 1);
        return [];
    }

    private static Span ReadSpan(ReadOnlyMemory<byte> span)
    {
        string name = "", traceId = "", spanId = "", parent = "";
        int kind = 0, status = 0;
        ulong start = 0, end = 0;
        foreach (var f in Fields(span))
        {
            switch (f.Number)
            {
                case 1: traceId = Convert.ToHexStringLower(f.Bytes.Span); break;
                case 2: spanId = Convert.ToHexStringLower(f.Bytes.Span); break;
                case 4: parent = Convert.ToHexStringLower(f.Bytes.Span); break;
                case 5: name = Encoding.UTF8.GetString(f.Bytes.Span); break;
                case 6: kind = (int)f.Value; break;
                case 7: start = f.Value; break;
                case 8: end = f.Value; break;
                case 15: foreach (var s in Fields(f.Bytes)) if (s.Number == 3) status = (int)s.Value; break;
            }
        }
        return new Span(name, kind, traceId, spanId, parent, start, end, Attributes(span, 9), status);
    }

    /// <summary>InstrumentationScope{name(1), version(2), attributes(3)}.</summary>
    private static string ScopeText(ReadOnlyMemory<byte> scope)
    {
        var parts = Fields(scope).Where(f => f.Number is 1 or 2).Select(f => Encoding.UTF8.GetString(f.Bytes.Span));
        var attributes = Attributes(scope, 3).OrderBy(a => a.Key).Select(a => $"{a.Key}={a.Value}");
        return string.Join(" ", parts.Concat(attributes));
    }

    private static Metric ReadMetric(string scope, ReadOnlyMemory<byte> metric)
    {
        string name = "", unit = "", kind = "";
        var points = new List<DataPoint>();
        foreach (var f in Fields(metric))
        {
            switch (f.Number)
            {
                case 1: name = Encoding.UTF8.GetString(f.Bytes.Span); break;
                case 3: unit = Encoding.UTF8.GetString(f.Bytes.Span); break;
                case 5: kind = "gauge"; points.AddRange(Messages(f.Bytes, 1).Select(NumberPoint)); break;
                case 7: kind = "sum"; points.AddRange(Messages(f.Bytes, 1).Select(NumberPoint)); break;
                case 9: kind = "histogram"; points.AddRange(Messages(f.Bytes, 1).Select(HistogramPoint)); break;
            }
        }
        return new Metric(scope, name, unit, kind, points);
    }

    /// <summary>NumberDataPoint: attributes(7), as_double(4, fixed64), as_int(6, sfixed64).</summary>
    private static DataPoint NumberPoint(ReadOnlyMemory<byte> point)
    {
        double value = 0;
        foreach (var f in Fields(point))
        {
            if (f.Number == 4) value = BitConverter.UInt64BitsToDouble(f.Value);
            if (f.Number == 6) value = (long)f.Value;
        }
        return new DataPoint(Attributes(point, 7), value);
    }

    /// <summary>HistogramDataPoint: attributes(9), count(4, fixed64); the value reported is the count.</summary>
    private static DataPoint HistogramPoint(ReadOnlyMemory<byte> point)
    {
        double count = 0;
        foreach (var f in Fields(point)) if (f.Number == 4) count = f.Value;
        return new DataPoint(Attributes(point, 9), count);
    }

    /// <summary>KeyValue{key(1), AnyValue(2){string(1), bool(2), int(3), double(4)}}.</summary>
    private static Dictionary<string, object?> Attributes(ReadOnlyMemory<byte> message, int field)
    {
        var result = new Dictionary<string, object?>();
        foreach (var kv in Messages(message, field))
        {
            string key = "";
            object? value = null;
            foreach (var f in Fields(kv))
            {
                if (f.Number == 1) key = Encoding.UTF8.GetString(f.Bytes.Span);
                if (f.Number != 2) continue;
                foreach (var v in Fields(f.Bytes))
                {
                    value = v.Number switch
                    {
                        1 => Encoding.UTF8.GetString(v.Bytes.Span),
                        2 => v.Value != 0,
                        3 => (long)v.Value,
                        4 => BitConverter.UInt64BitsToDouble(v.Value),
                        _ => value,
                    };
                }
            }
            result[key] = value;
        }
        return result;
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Messages(ReadOnlyMemory<byte> message, int field) =>
        Fields(message).Where(f => f.Number == field && f.WireType == 2).Select(f => f.Bytes);

    private readonly record struct Field(int Number, int WireType, ulong Value, ReadOnlyMemory<byte> Bytes);

    private static List<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        var data = message.Span;
        var i = 0;
        while (i < data.Length)
        {
            var tag = Varint(data, ref i);
            var number = (int)(tag >> 3);
            var wire = (int)(tag & 7);
            switch (wire)
            {
                case 0: fields.Add(new Field(number, wire, Varint(data, ref i), default)); break;
                case 1: fields.Add(new Field(number, wire, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]), default)); i += 8; break;
                case 5: fields.Add(new Field(number, wire, BinaryPrimitives.ReadUInt32LittleEndian(data[i..]), default)); i += 4; break;
                case 2:
                    var length = (int)Varint(data, ref i);
                    fields.Add(new Field(number, wire, 0, message.Slice(i, length)));
                    i += length;
                    break;
                default: throw new FormatException($"unsupported protobuf wire type {wire} (field {number})");
            }
        }
        return fields;
    }

    private static ulong Varint(ReadOnlySpan<byte> data, ref int i)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
