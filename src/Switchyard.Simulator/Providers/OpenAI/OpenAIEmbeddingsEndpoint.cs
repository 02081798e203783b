using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Conversation;
using Switchyard.Simulator.Exchange;
using Switchyard.Simulator.Faults;
using Switchyard.Simulator.Generation;
using Switchyard.Simulator.State;

namespace Switchyard.Simulator.Providers.OpenAI;

/// <summary>
/// <c>POST /v1/embeddings</c>: input as a string, an array of strings, or token arrays;
/// <c>dimensions</c> (default 1536); <c>encoding_format</c> float or base64. Directives work
/// in the last input string.
/// </summary>
internal sealed class OpenAIEmbeddingsEndpoint(SimulatorState state)
{
    public async Task HandleAsync(HttpContext context)
    {
        using var exchange = new SimulatedExchange(state, context, OpenAIDialect.Instance, "embeddings");
        if (!OpenAIAuth.HasKey(context.Request))
        {
            await exchange.FailAsync(OpenAIDialect.MissingKey());
            return;
        }
        string model;
        List<string> inputs;
        int dimensions;
        bool base64;
        using (var body = await RequestBody.ReadAsync(context, exchange.Aborted))
        {
            var root = body?.RootElement ?? default;
            model = root.String("model") ?? "";
            inputs = ReadInputs(root.Get("input"));
            dimensions = root.Int("dimensions") ?? EmbeddingVectors.DefaultDimensions;
            base64 = root.String("encoding_format") == "base64";
        }
        if (model.Length == 0 || inputs.Count == 0 || dimensions is < 1 or > 16384)
        {
            await exchange.FailAsync(SimError.Invalid(model.Length == 0 ? "you must provide a model parameter" : "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", model.Length == 0 ? "model" : "input"));
            return;
        }

        var directive = SimDirectiveParser.Parse(inputs[^1], out _);
        var promptTokens = inputs.Sum(static input => TokenCounter.Count(input));
        if (!await exchange.AdmitAsync(model, directive, stream: false, promptTokens, completionTokens: 0)) return;

        var buffer = new ArrayBufferWriter<byte>(inputs.Count * dimensions * (base64 ? 6 : 12) + 256);
        using (var w = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            Write(w, model, inputs, dimensions, base64, promptTokens);
        }
        await exchange.SendJsonAsync(buffer.WrittenMemory, 0);
    }

    private static void Write(Utf8JsonWriter w, string model, List<string> inputs, int dimensions, bool base64, int promptTokens)
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = EmbeddingVectors.For(inputs[i], dimensions);
            w.WriteStartObject();
            w.WriteString("object", "embedding");
            if (base64)
            {
                w.WriteBase64String("embedding", MemoryMarshal.AsBytes(vector.AsSpan())); // little-endian float32, as the API sends
            }
            else
            {
                w.WriteStartArray("embedding");
                foreach (var x in vector) w.WriteNumberValue(x);
                w.WriteEndArray();
            }
            w.WriteNumber("index", i);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("model", model);
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", promptTokens);
        w.WriteNumber("total_tokens", promptTokens);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Token-id inputs are embedded as the text of their numbers, one token per id.</summary>
    private static List<string> ReadInputs(JsonElement input)
    {
        var inputs = new List<string>();
        if (input.ValueKind == JsonValueKind.String)
        {
            inputs.Add(input.GetString()!);
        }
        else if (input.ValueKind == JsonValueKind.Array)
        {
            if (input.GetArrayLength() > 0 && input[0].ValueKind == JsonValueKind.Number)
            {
                inputs.Add(string.Join(' ', input.EnumerateArray().Select(static n => n.GetRawText())));
            }
            else
            {
                foreach (var item in input.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String) inputs.Add(item.GetString()!);
                    else if (item.ValueKind == JsonValueKind.Array) inputs.Add(string.Join(' ', item.EnumerateArray().Select(static n => n.GetRawText())));
                }
            }
        }
        return inputs;
    }
}
