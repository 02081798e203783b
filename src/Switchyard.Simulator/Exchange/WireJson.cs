using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchyard.Simulator.Exchange;

internal static class WireJson
{
    /// <summary>Like the providers, write non-ASCII text and quotes-in-HTML characters as they are.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
