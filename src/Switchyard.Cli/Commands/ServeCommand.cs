using System.CommandLine;
using Switchyard.Core.Config;
using Switchyard.Server.Hosting;

namespace Switchyard.Cli.Commands;

/// <summary>`switchyard serve [--config FILE] [--urls URL]`: runs the gateway until Ctrl+C or SIGTERM.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "YAML config file. Without it: the embedded default (real providers for the API keys in the environment, else the built-in simulator)." };
        var urls = new Option<string?>("--urls") { Description = $"Where to listen (default {GatewayStartOptions.DefaultUrls})." };
        var command = new Command("serve", "Run the gateway.") { config, urls };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(config);
            try
            {
                var simulated = false;
                var loaded = file is null ? EmbeddedDefaultConfig.Build(Environment.GetEnvironmentVariable, out simulated) : ConfigLoader.LoadFile(file);
                await using var gateway = await GatewayHost.StartAsync(
                    new GatewayStartOptions(loaded, file ?? "the embedded default") { Urls = parse.GetValue(urls) }, cancellationToken);
                StartupBanner.Print(gateway, file, simulated);
                await gateway.WaitForShutdownAsync(cancellationToken);
                return 0;
            }
            catch (ConfigException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
            catch (IOException ex) when (ex.InnerException is not null || ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"Could not start: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
