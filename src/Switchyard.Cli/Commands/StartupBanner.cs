using Switchyard.Core.Config;
using Switchyard.Server.Hosting;

namespace Switchyard.Cli.Commands;

/// <summary>What a user needs to know at start-up: where it listens, what it serves, and loudly, when answers are simulated or access is open.</summary>
internal static class StartupBanner
{
    public static void Print(RunningGateway gateway, string? configFile, bool embeddedSimulated)
    {
        var snapshot = gateway.Snapshots.Current;
        Console.WriteLine($"Switchyard listening on {gateway.BaseAddress.ToString().TrimEnd('/')}  (OpenAI base URL: {gateway.OpenAIBaseUrl})");
        Console.WriteLine($"  config:  {configFile ?? "embedded default (no --config)"}");
        Console.WriteLine($"  models:  {string.Join(", ", snapshot.Routes.Values.Where(r => r.IsModel).Select(r => r.Name).Order())}");
        var routes = snapshot.Routes.Values.Where(r => !r.IsModel).Select(r => r.Name).Order().ToList();
        if (routes.Count > 0) Console.WriteLine($"  routes:  {string.Join(", ", routes)}");
        if (snapshot.UsesSimulator)
        {
            var keys = string.Join(", ", EmbeddedDefaultConfig.KeyVariables);
            Console.WriteLine();
            Console.WriteLine("  ************************************************************************");
            Console.WriteLine("  *  SIMULATED PROVIDERS: answers come from the built-in simulator, not  *");
            Console.WriteLine("  *  from real models. Each such answer carries x-switchyard-simulated.  *");
            Console.WriteLine("  ************************************************************************");
            if (embeddedSimulated) Console.WriteLine($"  No provider key was found ({keys}); set one to use real providers.");
            Console.WriteLine($"  Simulator at {gateway.Simulator?.BaseAddress}");
            Console.WriteLine();
        }
        Console.WriteLine("  access:  " + Switchyard.Server.Keys.KeyRegistrations.DescribeAccess(gateway.Services));
        Console.WriteLine("  admin:   " + Switchyard.Server.Admin.AdminAuth.For(gateway.Services).Describe());
        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
