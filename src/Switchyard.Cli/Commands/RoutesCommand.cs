using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Server.Admin;

namespace Switchyard.Cli.Commands;

/// <summary>
/// `switchyard routes list|set-weight|clear-weights|set-policy|clear-policy|disable|enable`: runtime routing changes through
/// a running gateway's admin API. They are stored, apply at once, reach replicas sharing the store
/// within a second, and survive restarts and config reloads until cleared.
/// </summary>
public static class RoutesCommand
{
    public static Command Create()
    {
        var command = new Command("routes", "Change routing at runtime on a running gateway: weights, policies and their params, disabled models.");
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(SetWeightCommand());
        command.Subcommands.Add(ClearWeightsCommand());
        command.Subcommands.Add(RoutePolicyCommands.SetPolicy(UrlOption(), RunAsync));
        command.Subcommands.Add(RoutePolicyCommands.ClearPolicy(UrlOption(), RunAsync));
        command.Subcommands.Add(ToggleCommand("disable", "Take a model (or catalog id, or deployment id provider/model) out of every route."));
        command.Subcommands.Add(ToggleCommand("enable", "Bring a disabled model back."));
        return command;
    }

    private static Option<string> UrlOption() =>
        new("--url") { Description = "The gateway. Default http://127.0.0.1:8400", DefaultValueFactory = _ => "http://127.0.0.1:8400" };

    private static Command ListCommand()
    {
        var url = UrlOption();
        var command = new Command("list", "Routes with their policy and weights in force, and disabled models (JSON).") { url };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(url)!, HttpMethod.Get, AdminEndpoints.Prefix + "/routes", null, null, ct));
        return command;
    }

    private static Command SetWeightCommand()
    {
        var url = UrlOption();
        var route = new Argument<string>("route") { Description = "A route with policy: weighted." };
        var model = new Argument<string>("model") { Description = "One of the route's models." };
        var weight = new Argument<double>("weight") { Description = "The model's new weight (0 or more)." };
        var command = new Command("set-weight", "Set one model's weight in a weighted route (the others keep theirs).") { url, route, model, weight };
        command.SetAction((parse, ct) =>
        {
            var body = new JsonObject { [parse.GetValue(model)!] = parse.GetValue(weight) };
            return RunAsync(parse.GetValue(url)!, HttpMethod.Patch, $"{AdminEndpoints.Prefix}/routes/{Uri.EscapeDataString(parse.GetValue(route)!)}/weights",
                new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), $"Set the weight of {parse.GetValue(model)} in {parse.GetValue(route)} to {parse.GetValue(weight).ToString(CultureInfo.InvariantCulture)}.", ct);
        });
        return command;
    }

    private static Command ClearWeightsCommand()
    {
        var url = UrlOption();
        var route = new Argument<string>("route") { Description = "A route with policy: weighted." };
        var command = new Command("clear-weights", "Drop a route's runtime weights: the config file's apply again.") { url, route };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(url)!, HttpMethod.Delete,
            $"{AdminEndpoints.Prefix}/routes/{Uri.EscapeDataString(parse.GetValue(route)!)}/weights", null, $"Cleared the runtime weights of {parse.GetValue(route)}.", ct));
        return command;
    }

    private static Command ToggleCommand(string action, string description)
    {
        var url = UrlOption();
        var name = new Argument<string>("name") { Description = "A model name, catalog id or deployment id (provider/model)." };
        var command = new Command(action, description) { url, name };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(url)!, HttpMethod.Post, $"{AdminEndpoints.Prefix}/models/{parse.GetValue(name)}/{action}",
            null, $"{(action == "disable" ? "Disabled" : "Enabled")} {parse.GetValue(name)}.", ct));
        return command;
    }

    internal static async Task<int> RunAsync(string url, HttpMethod method, string path, HttpContent? content, string? done, CancellationToken cancellationToken)
    {
        var (ok, body) = await AdminCall.SendAsync(url, method, path, content, AdminKey.Resolve(Environment.GetEnvironmentVariable), Console.Error, cancellationToken);
        if (!ok) return 1;
        await Console.Out.WriteLineAsync(done ?? body);
        return 0;
    }
}
