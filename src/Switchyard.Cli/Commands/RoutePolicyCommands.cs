using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Server.Admin;

namespace Switchyard.Cli.Commands;

/// <summary>
/// `switchyard routes set-policy ROUTE [--policy NAME] [--param KEY=VALUE]... [--split-percent N] [--no-split]`
/// and `switchyard routes clear-policy ROUTE`: a route's policy, params and A/B split changed at
/// runtime (PATCH/DELETE /admin/v1/routes/{route}/policy), validated by the gateway exactly as the
/// config file is.
/// </summary>
public static class RoutePolicyCommands
{
    public delegate Task<int> Send(string url, HttpMethod method, string path, HttpContent? content, string? done, CancellationToken cancellationToken);

    public static Command SetPolicy(Option<string> url, Send send)
    {
        var route = new Argument<string>("route") { Description = "A route of the config file." };
        var policy = new Option<string?>("--policy") { Description = "Another policy: fixed, cheapest-capable, weighted, lowest-latency, rules (its params then start empty)." };
        var param = new Option<string[]>("--param")
        {
            Description = "KEY=VALUE, merged into the params in force; repeatable. VALUE is JSON when it parses (0.7, {\"a\":1}), else text; KEY=null removes it.",
            AllowMultipleArgumentsPerToken = false,
        };
        var splitPercent = new Option<double?>("--split-percent") { Description = "The share of traffic (0-100) the route's A/B split sends to arm B." };
        var noSplit = new Option<bool>("--no-split") { Description = "Remove the route's A/B split." };
        var command = new Command("set-policy", "Change a route's policy, its params or its A/B split percentage at runtime (stored; survives restarts).")
            { url, route, policy, param, splitPercent, noSplit };
        command.SetAction((parse, ct) =>
        {
            var name = parse.GetValue(route)!;
            string body;
            try
            {
                body = Body(parse.GetValue(policy), parse.GetValue(param) ?? [], parse.GetValue(splitPercent), parse.GetValue(noSplit));
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return Task.FromResult(2);
            }
            return send(parse.GetValue(url)!, HttpMethod.Patch, $"{AdminEndpoints.Prefix}/routes/{Uri.EscapeDataString(name)}/policy",
                new StringContent(body, Encoding.UTF8, "application/json"), $"Changed the policy of {name}: {body}", ct);
        });
        return command;
    }

    public static Command ClearPolicy(Option<string> url, Send send)
    {
        var route = new Argument<string>("route") { Description = "A route of the config file." };
        var command = new Command("clear-policy", "Drop a route's runtime policy change: the config file's policy, params and split apply again.") { url, route };
        command.SetAction((parse, ct) => send(parse.GetValue(url)!, HttpMethod.Delete,
            $"{AdminEndpoints.Prefix}/routes/{Uri.EscapeDataString(parse.GetValue(route)!)}/policy", null, $"Cleared the runtime policy of {parse.GetValue(route)}.", ct));
        return command;
    }

    /// <summary>The PATCH body for the options given.</summary>
    public static string Body(string? policy, IReadOnlyList<string> parameters, double? splitPercent, bool noSplit)
    {
        var body = new JsonObject();
        if (policy is not null) body["policy"] = policy;
        if (parameters.Count > 0)
        {
            var values = new JsonObject();
            foreach (var pair in parameters)
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0) throw new FormatException($"--param '{pair}': expected KEY=VALUE.");
                values[pair[..eq]] = Value(pair[(eq + 1)..]);
            }
            body["params"] = values;
        }
        if (noSplit && splitPercent is not null) throw new FormatException("--no-split and --split-percent cannot go together.");
        if (noSplit) body["split"] = null;
        else if (splitPercent is { } percent) body["split"] = new JsonObject { ["percent"] = percent };
        if (body.Count == 0) throw new FormatException("Nothing to change: give --policy, --param, --split-percent or --no-split.");
        return body.ToJsonString();
    }

    private static JsonNode? Value(string text)
    {
        if (text == "null") return null;
        try
        {
            return JsonNode.Parse(text) ?? JsonValue.Create(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
