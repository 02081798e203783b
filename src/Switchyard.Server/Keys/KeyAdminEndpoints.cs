using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Gateway;
using Switchyard.Core.Keys;
using Switchyard.Core.Pricing;
using Switchyard.Core.Routing;
using Switchyard.Core.Runtime;
using Switchyard.Server.Admin;
using Switchyard.Server.Hosting;
using Switchyard.Server.Http;

namespace Switchyard.Server.Keys;

/// <summary>
/// The admin API for keys, projects and runtime changes, every endpoint behind <see cref="AdminAuth"/>:
/// POST/GET /admin/v1/keys, GET/PATCH/DELETE /admin/v1/keys/{id} (DELETE revokes; POST .../revoke too),
/// GET /admin/v1/projects, GET/PATCH /admin/v1/projects/{id}, GET /admin/v1/routes,
/// PATCH/DELETE /admin/v1/routes/{route}/weights and /policy, GET /admin/v1/models/disabled and
/// POST /admin/v1/models/{name}/disable|enable. Changes are stored, apply on this replica before the
/// answer and on the others within one sync round, and survive restarts and config reloads.
/// </summary>
public sealed class KeyAdminEndpoints(KeyService keys, SnapshotHolder snapshots, PriceBook prices, RoutingServices routing, TimeProvider time,
    RuntimeRoutePolicies routePolicies)
{
    public static void Map(WebApplication app)
    {
        var auth = AdminAuth.From(app.Services.GetRequiredService<GatewayStartOptions>());
        var e = new KeyAdminEndpoints(app.Services.GetRequiredService<KeyService>(), app.Services.GetRequiredService<SnapshotHolder>(),
            app.Services.GetRequiredService<PriceBook>(), app.Services.GetRequiredService<RoutingServices>(), app.Services.GetRequiredService<TimeProvider>(),
            app.Services.GetRequiredService<RuntimeRoutePolicies>());
        var policy = new RoutePolicyEndpoints(app.Services.GetRequiredService<KeyService>(), app.Services.GetRequiredService<RuntimeRoutePolicies>(), e);
        var admin = app.MapGroup(AdminEndpoints.Prefix);
        admin.MapPost("/keys", auth.Guard(Handle(e.CreateAsync)));
        admin.MapGet("/keys", auth.Guard(Handle(e.ListAsync)));
        admin.MapGet("/keys/{id}", auth.Guard(Handle(e.GetAsync)));
        admin.MapPatch("/keys/{id}", auth.Guard(Handle(e.PatchAsync)));
        admin.MapDelete("/keys/{id}", auth.Guard(Handle(e.RevokeAsync)));
        admin.MapPost("/keys/{id}/revoke", auth.Guard(Handle(e.RevokeAsync)));
        admin.MapGet("/projects", auth.Guard(Handle(e.ProjectsAsync)));
        admin.MapGet("/projects/{id}", auth.Guard(Handle(e.ProjectAsync)));
        admin.MapPatch("/projects/{id}", auth.Guard(Handle(e.PatchProjectAsync)));
        admin.MapGet("/routes", auth.Guard(Handle(e.RoutesAsync)));
        admin.MapPatch("/routes/{route}/weights", auth.Guard(Handle(e.SetWeightsAsync)));
        admin.MapDelete("/routes/{route}/weights", auth.Guard(Handle(e.ClearWeightsAsync)));
        admin.MapPatch("/routes/{route}/policy", auth.Guard(Handle(async context => await policy.SetAsync(context, await ReadAsync(context)))));
        admin.MapDelete("/routes/{route}/policy", auth.Guard(Handle(policy.ClearAsync)));
        admin.MapGet("/models/disabled", auth.Guard(Handle(e.DisabledAsync)));
        admin.MapPost("/models/{**action}", auth.Guard(Handle(e.DisableOrEnableAsync)));
    }

    private static RequestDelegate Handle(Func<HttpContext, Task> endpoint) => async context =>
    {
        try { await endpoint(context); }
        catch (GatewayException error) { await ErrorWriter.WriteAsync(context, error); }
    };

    public async Task CreateAsync(HttpContext context)
    {
        var body = KeyFields.Parse(await ReadAsync(context));
        var project = KeyFields.Project(body) ?? throw KeyFields.Invalid("'project' is required: every key belongs to a project.", "project");
        var template = new KeyRecord { Id = "", Project = project, Salt = [], Hash = [], CreatedAt = time.GetUtcNow() };
        var applied = KeyFields.Apply(template, body, snapshots.Current);
        if (applied.ExpiresAt is { } at && at <= time.GetUtcNow()) throw KeyFields.Invalid("'expires_at' is in the past.", "expires_at");
        var (record, secret) = await keys.CreateAsync(project, applied.Name, applied.ExpiresAt,
            new KeySettings(applied.Budgets, applied.Limits, applied.Policy), context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status201Created;
        await WriteAsync(context, w => KeyViews.WriteKey(w, record, [], time.GetUtcNow(), secret));
    }

    public async Task ListAsync(HttpContext context)
    {
        var all = keys.Directory.Keys.Values.OrderBy(k => k.Project, StringComparer.Ordinal).ThenBy(k => k.CreatedAt).ToList();
        var spends = new List<IReadOnlyList<(BudgetPeriod, decimal)>>(all.Count);
        foreach (var key in all) spends.Add(await SpendAsync("key:" + key.Id, context.RequestAborted));
        await WriteAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            for (var i = 0; i < all.Count; i++) KeyViews.WriteKey(w, all[i], spends[i], time.GetUtcNow());
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public async Task GetAsync(HttpContext context)
    {
        var key = Find(context);
        var spend = await SpendAsync("key:" + key.Id, context.RequestAborted);
        await WriteAsync(context, w => KeyViews.WriteKey(w, key, spend, time.GetUtcNow()));
    }

    public async Task PatchAsync(HttpContext context)
    {
        var current = Find(context);
        var body = KeyFields.Parse(await ReadAsync(context));
        if (body.TryGetProperty("project", out _)) throw KeyFields.Invalid("'project' cannot change: create a key in the other project instead.", "project");
        var next = KeyFields.Apply(current, body, snapshots.Current);
        var updated = await keys.UpdateAsync(current.Id, _ => next, context.RequestAborted) ?? throw UnknownKey(current.Id);
        var spend = await SpendAsync("key:" + updated.Id, context.RequestAborted);
        await WriteAsync(context, w => KeyViews.WriteKey(w, updated, spend, time.GetUtcNow()));
    }

    public async Task RevokeAsync(HttpContext context)
    {
        var key = Find(context);
        var revoked = await keys.RevokeAsync(key.Id, context.RequestAborted) ?? throw UnknownKey(key.Id);
        var spend = await SpendAsync("key:" + revoked.Id, context.RequestAborted);
        await WriteAsync(context, w => KeyViews.WriteKey(w, revoked, spend, time.GetUtcNow()));
    }

    public async Task ProjectsAsync(HttpContext context)
    {
        var directory = keys.Directory;
        var projects = directory.Projects.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var spends = new List<IReadOnlyList<(BudgetPeriod, decimal)>>(projects.Count);
        foreach (var p in projects) spends.Add(await SpendAsync("project:" + p.Id, context.RequestAborted));
        await WriteAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            for (var i = 0; i < projects.Count; i++)
                KeyViews.WriteProject(w, projects[i], directory.Keys.Values.Count(k => k.Project == projects[i].Id), spends[i]);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public async Task ProjectAsync(HttpContext context)
    {
        var id = Id(context);
        var directory = keys.Directory;
        var project = directory.Projects.GetValueOrDefault(id) ?? throw UnknownProject(id);
        var spend = await SpendAsync("project:" + id, context.RequestAborted);
        await WriteAsync(context, w => KeyViews.WriteProject(w, project, directory.Keys.Values.Count(k => k.Project == id), spend));
    }

    /// <summary>Sets a project's budgets (creating the project when it has no key yet).</summary>
    public async Task PatchProjectAsync(HttpContext context)
    {
        var id = Id(context);
        var body = KeyFields.Parse(await ReadAsync(context));
        KeyFields.RejectUnknown(body, KeyFields.Budget.ToHashSet());
        var current = keys.Directory.Projects.GetValueOrDefault(id)?.Budgets ?? BudgetLimits.None;
        var project = await keys.SetProjectBudgetsAsync(id, KeyFields.ApplyBudgets(current, body), context.RequestAborted);
        var spend = await SpendAsync("project:" + id, context.RequestAborted);
        await WriteAsync(context, w => KeyViews.WriteProject(w, project, keys.Directory.Keys.Values.Count(k => k.Project == id), spend));
    }

    /// <summary>Every route with its policy and, for weighted routes, the weights in force and whether they are overridden.</summary>
    public Task RoutesAsync(HttpContext context)
    {
        var snapshot = snapshots.Current;
        return WriteAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var route in snapshot.Routes.Values.Where(r => !r.IsModel).OrderBy(r => r.Name, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("route", route.Name);
                w.WriteString("policy", route.Policy.Name);
                if (route.PolicySpec is { } spec)
                {
                    w.WritePropertyName("params");
                    if (spec.Params is { } parameters) parameters.WriteTo(w); else w.WriteNullValue();
                    if (spec.Split is { } split)
                    {
                        w.WriteStartObject("split");
                        w.WriteNumber("percent", split.Percent);
                        w.WriteString("policy", split.Policy);
                        w.WritePropertyName("params");
                        if (split.Params is { } armParams) armParams.WriteTo(w); else w.WriteNullValue();
                        w.WriteString("by", split.By);
                        w.WriteEndObject();
                    }
                    w.WriteBoolean("policy_overridden", routePolicies.Overrides.ContainsKey(route.Name));
                }
                w.WriteStartArray("models");
                foreach (var m in route.Deployments.Select(d => d.ModelName).Distinct()) w.WriteStringValue(m);
                w.WriteEndArray();
                if (ConfiguredWeights.Of(route, prices, routing) is { } weights)
                {
                    w.WriteStartObject("weights");
                    foreach (var (model, weight) in weights) w.WriteNumber(model, weight);
                    w.WriteEndObject();
                    w.WriteBoolean("weights_overridden", keys.WeightedOverrides.Contains(route.Name));
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("disabled");
            foreach (var name in keys.DisabledNames.Order(StringComparer.Ordinal)) w.WriteStringValue(name);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>PATCH {"model": weight, ...}: merged into the weights in force (config, or an earlier override); stored.</summary>
    public async Task SetWeightsAsync(HttpContext context)
    {
        var route = WeightedRoute(context, out var name);
        var body = KeyFields.Parse(await ReadAsync(context));
        var models = route.Deployments.Select(d => d.ModelName).ToHashSet(StringComparer.Ordinal);
        var weights = ConfiguredWeights.Of(route, prices, routing)!;
        foreach (var property in body.EnumerateObject())
        {
            if (!models.Contains(property.Name))
                throw KeyFields.Invalid($"'{property.Name}' is not a model of route '{name}' ({string.Join(", ", models.Order(StringComparer.Ordinal))}).", property.Name);
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var weight) || weight < 0 || !double.IsFinite(weight))
                throw KeyFields.Invalid($"The weight of '{property.Name}' must be a non-negative number.", property.Name);
            weights[property.Name] = weight;
        }
        if (weights.Count > 0 && weights.Values.All(v => v == 0)) throw KeyFields.Invalid("At least one model must keep a weight above 0.", null);
        await keys.SetRouteWeightsAsync(name, weights, context.RequestAborted);
        await RoutesAsync(context);
    }

    public async Task ClearWeightsAsync(HttpContext context)
    {
        WeightedRoute(context, out var name);
        await keys.SetRouteWeightsAsync(name, null, context.RequestAborted);
        await RoutesAsync(context);
    }

    public Task DisabledAsync(HttpContext context) => WriteAsync(context, w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("disabled");
        foreach (var name in keys.DisabledNames.Order(StringComparer.Ordinal)) w.WriteStringValue(name);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>POST /admin/v1/models/{name}/disable or /enable; the name is a model, catalog id or deployment id ("provider/model").</summary>
    public async Task DisableOrEnableAsync(HttpContext context)
    {
        var path = (string?)context.Request.RouteValues["action"] ?? "";
        var slash = path.LastIndexOf('/');
        var (name, action) = slash > 0 ? (path[..slash], path[(slash + 1)..]) : ("", path);
        if (action is not ("disable" or "enable"))
            throw new GatewayException(404, "invalid_request_error", "not_found", "POST /admin/v1/models/{name}/disable or /enable are the actions here.");
        var known = snapshots.Current.Routes.Values.SelectMany(r => r.Deployments)
            .Any(d => d.ModelName == name || d.Model.Id == name || d.Id == name);
        if (!known && action == "disable")
            throw new GatewayException(404, "invalid_request_error", "model_not_found",
                $"No deployment serves '{name}' (a model name, catalog id or deployment id such as openai/gpt-4o).", "model");
        await keys.SetModelDisabledAsync(name, action == "disable", context.RequestAborted);
        await DisabledAsync(context);
    }

    private RouteEntry WeightedRoute(HttpContext context, out string name)
    {
        name = (string?)context.Request.RouteValues["route"] ?? "";
        var route = snapshots.Current.FindRoute(name) ?? throw GatewayErrors.UnknownModel(name);
        if (route.Policy is not Core.Routing.Policies.WeightedPolicy)
            throw KeyFields.Invalid($"Route '{name}' uses the {route.Policy.Name} policy; weights apply to routes with policy: weighted.", "route");
        return route;
    }

    private KeyRecord Find(HttpContext context)
    {
        var id = Id(context);
        if (id.StartsWith(VirtualKeySecret.Prefix, StringComparison.Ordinal)) id = VirtualKeySecret.IdOf(id) ?? id[VirtualKeySecret.Prefix.Length..].TrimEnd('.');
        return keys.Directory.Keys.GetValueOrDefault(id) ?? throw UnknownKey(id);
    }

    private static string Id(HttpContext context) => (string?)context.Request.RouteValues["id"] ?? "";

    private async Task<IReadOnlyList<(BudgetPeriod, decimal)>> SpendAsync(string scope, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var counters = await keys.Store.BudgetCountersAsync(scope, cancellationToken);
        var result = new List<(BudgetPeriod, decimal)>(3);
        foreach (var period in BudgetPeriods.All)
        {
            var current = BudgetPeriods.KeyOf(period, now);
            if (counters.FirstOrDefault(c => c.Period == current) is { } row) result.Add((period, BudgetStoreAdapter.ToUsd(row.SpentNanoUsd)));
        }
        return result;
    }

    private static GatewayException UnknownKey(string id) =>
        new(404, "invalid_request_error", "key_not_found", $"No virtual key has the id '{id}'. GET {AdminEndpoints.Prefix}/keys lists them.", "id");

    private static GatewayException UnknownProject(string id) =>
        new(404, "invalid_request_error", "project_not_found", $"No project '{id}'. GET {AdminEndpoints.Prefix}/projects lists them.", "id");

    private static async Task<string> ReadAsync(HttpContext context)
    {
        using var reader = new StreamReader(new LimitedReadStream(context.Request.Body, 1024 * 1024));
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Indented = true });
        write(writer);
        await writer.FlushAsync(context.RequestAborted);
    }
}
