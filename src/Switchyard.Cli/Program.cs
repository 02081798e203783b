using System.CommandLine;
using Switchyard.Cli.Commands;

var root = new RootCommand("Switchyard: a self-hosted LLM gateway with smart model routing.");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(SimulatorCommand.Create());
root.Subcommands.Add(PricesCommand.Create());
root.Subcommands.Add(RouteCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(RouterCommand.Create());
root.Subcommands.Add(HealthCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(RoutesCommand.Create());
root.Subcommands.Add(SpendCommand.Create());
root.Subcommands.Add(LogsCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
return await root.Parse(args).InvokeAsync();
