using System.CommandLine;
using Switchyard.Simulator.Hosting;

namespace Switchyard.Cli.Commands;

/// <summary>`switchyard simulator [--urls URL]`: the fake OpenAI / Anthropic / Gemini upstreams on their own.</summary>
public static class SimulatorCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default http://127.0.0.1:8401)." };
        var command = new Command("simulator", "Run the built-in provider simulator standalone.") { urls };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var simulator = await SimulatorHost.StartAsync(null, parse.GetValue(urls) ?? "http://127.0.0.1:8401", cancellationToken);
            Console.WriteLine($"Switchyard simulator listening on {simulator.BaseAddress}");
            Console.WriteLine($"  OpenAI:    {simulator.OpenAIBaseUrl}  (POST /chat/completions, /embeddings; GET /models)");
            Console.WriteLine($"  Anthropic: {simulator.BaseAddress}  (POST /v1/messages)");
            Console.WriteLine($"  Gemini:    {simulator.BaseAddress}  (POST /v1beta/models/MODEL:generateContent, :streamGenerateContent?alt=sse)");
            Console.WriteLine("Press Ctrl+C to stop.");
            await simulator.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
