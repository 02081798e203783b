using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Exchange;
using Switchyard.Simulator.State;

namespace Switchyard.Simulator.Providers.OpenAI;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>: the listed models plus every model with its own settings.</summary>
internal sealed class OpenAIModelsEndpoint(SimulatorState state)
{
    // A fixed creation time keeps the listing identical between runs.
    private const long Created = 1_700_000_000;

    public async Task ListAsync(HttpContext context)
    {
        using var exchange = new SimulatedExchange(state, context, OpenAIDialect.Instance, "models");
        if (!OpenAIAuth.HasKey(context.Request))
        {
            await exchange.FailAsync(OpenAIDialect.MissingKey());
            return;
        }
        var ids = state.Options.ListedModels.Concat(state.Options.Models.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        await WriteAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var id in ids) WriteModel(w, id);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public async Task GetAsync(HttpContext context)
    {
        using var exchange = new SimulatedExchange(state, context, OpenAIDialect.Instance, "models");
        var id = context.Request.RouteValues["id"]?.ToString() ?? "";
        if (!OpenAIAuth.HasKey(context.Request))
        {
            await exchange.FailAsync(OpenAIDialect.MissingKey());
            return;
        }
        if (state.Options.KnownModelsOnly && !state.Options.IsKnown(id))
        {
            await exchange.FailAsync(OpenAIDialect.Instance.UnknownModel(id));
            return;
        }
        await WriteAsync(context, w => WriteModel(w, id));
    }

    private static void WriteModel(Utf8JsonWriter w, string id)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "model");
        w.WriteNumber("created", Created);
        w.WriteString("owned_by", "switchyard-simulator");
        w.WriteNull("shutdown_date");
        w.WriteEndObject();
    }

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            write(writer);
        }
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
