using System.CommandLine;
using Switchyard.Core.Accounting;
using Switchyard.Core.Chat;
using Switchyard.Core.Config;
using Switchyard.Core.Gateway;
using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Controls;
using Switchyard.Server.Admin;

namespace Switchyard.Cli.Commands;

/// <summary>
/// `switchyard route explain [--config FILE] [--model auto] [--max-tokens N] [--json] "prompt"`:
/// routes a prompt offline, as the gateway would for a chat request with that one user message,
/// and prints the whole decision: the classifier's output, every candidate with its estimate and
/// the filter that removed it (and why) or its score, and the plan. No gateway, nothing called.
/// </summary>
public static class RouteCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "YAML config file. Without it: the embedded default (as `switchyard serve` would start it here)." };
        var model = new Option<string>("--model") { Description = "The route or model the request names.", DefaultValueFactory = _ => "auto" };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "The request's max_tokens (else the configured expected output length is assumed)." };
        var json = new Option<bool>("--json") { Description = "Print the decision as JSON (the shape of POST /admin/v1/route/explain)." };
        var prompt = new Argument<string>("prompt") { Description = "The user message to route; - reads it from standard input." };
        var explain = new Command("explain", "Show how a prompt would be routed, offline.") { config, model, maxTokens, json, prompt };
        explain.SetAction(parse => Explain(parse.GetValue(config), parse.GetValue(model)!, parse.GetValue(maxTokens), parse.GetValue(json), parse.GetValue(prompt)!));
        return new Command("route", "Routing: explain decisions.") { explain };
    }

    private static int Explain(string? configFile, string modelName, int? maxTokens, bool json, string prompt)
    {
        if (prompt == "-") prompt = Console.In.ReadToEnd();
        if (maxTokens is < 1) { Console.Error.WriteLine("--max-tokens must be at least 1."); return 2; }
        try
        {
            var (snapshot, prices, embeddedSimulated) = OfflineGateway.Load(configFile, Environment.GetEnvironmentVariable);
            var route = snapshot.FindRoute(modelName) ?? throw GatewayErrors.UnknownModel(modelName);
            var request = new ChatRequest
            {
                Model = modelName,
                Messages = [new ChatMessage { Role = "user", Content = MessageContent.FromText(prompt) }],
                MaxTokens = maxTokens,
            };
            var costs = new CostEstimator(request, prices, snapshot.Accounting.ExpectedOutputTokens);
            var context = new RoutingContext(request, RequestControls.None, costs, RoutingServices.Offline(), snapshot.Routing, "explain");
            var decision = RoutePlanner.Default.Plan(route, context, explain: true);
            if (json) Console.WriteLine(DecisionJson.Serialize(DecisionJson.From(decision, context)));
            else
            {
                Console.Write(DecisionJson.Text(decision, context));
                if (embeddedSimulated) Console.WriteLine($"(no provider key is set: these are the embedded default's simulated providers; set one of {string.Join(", ", EmbeddedDefaultConfig.KeyVariables)} to route to real ones)");
            }
            return 0;
        }
        catch (ConfigException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        catch (GatewayException ex)
        {
            Console.Error.WriteLine($"{ex.Status} {ex.Code}: {ex.Message}");
            return 1;
        }
    }
}
