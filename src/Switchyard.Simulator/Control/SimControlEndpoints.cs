using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Simulator.Options;
using Switchyard.Simulator.State;

namespace Switchyard.Simulator.Control;

/// <summary>
/// The runtime control API under <c>/_sim/</c>, a prefix no provider uses:
/// <c>GET|PUT|DELETE /_sim/models/{model}</c> (a model's settings; DELETE falls back to the default),
/// <c>GET|PUT /_sim/default</c>, <c>POST /_sim/reset</c> (statistics, rate windows and settings back
/// to the start) and <c>GET /_sim/stats</c>.
/// </summary>
internal static class SimControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimulatorState state)
    {
        var options = state.Options;
        var settingsType = SimulatorJsonContext.Default.SimulatedModelSettings;

        app.MapGet("/_sim/models/{**model}", context => WriteAsync(context, options.SettingsFor(Model(context)), settingsType));
        app.MapPut("/_sim/models/{**model}", async context =>
        {
            if (await ReadSettingsAsync(context) is { } settings)
            {
                options.Models[Model(context)] = settings;
                await WriteAsync(context, settings, settingsType);
            }
        });
        app.MapDelete("/_sim/models/{**model}", context =>
        {
            options.Models.TryRemove(Model(context), out _);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        app.MapGet("/_sim/default", context => WriteAsync(context, options.Default, settingsType));
        app.MapPut("/_sim/default", async context =>
        {
            if (await ReadSettingsAsync(context) is { } settings)
            {
                options.Default = settings;
                await WriteAsync(context, settings, settingsType);
            }
        });
        app.MapPost("/_sim/reset", context =>
        {
            state.Reset();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        app.MapGet("/_sim/stats", context =>
            WriteAsync(context, new SimulatorStatsResponse(state.StartedAt, state.Time.GetUtcNow(), state.StatsSnapshot()), SimulatorJsonContext.Default.SimulatorStatsResponse));
    }

    private static string Model(HttpContext context) => context.Request.RouteValues["model"]?.ToString() ?? "";

    private static async Task<SimulatedModelSettings?> ReadSettingsAsync(HttpContext context)
    {
        string? problem;
        SimulatedModelSettings? settings = null;
        try
        {
            settings = await JsonSerializer.DeserializeAsync(context.Request.Body, SimulatorJsonContext.Default.SimulatedModelSettings, context.RequestAborted);
            problem = settings is null ? "The body must be a settings object." : SettingsValidator.Problem(settings);
        }
        catch (JsonException e)
        {
            problem = "Invalid settings JSON: " + e.Message;
        }
        if (problem is null) return settings;
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await WriteAsync(context, new ControlError(problem), SimulatorJsonContext.Default.ControlError);
        return null;
    }

    private static async Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type)
    {
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}
