using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Switchyard.Cli.Bench;

namespace Switchyard.Cli.Commands;

/// <summary>
/// `switchyard bench`: the load harness of issue 8. Starts the simulator and the gateway as real
/// processes on loopback (or measures another gateway with --target), drives them open-loop at fixed
/// rates and closed-loop at saturation, streaming and not, and prints per phase requests/s, latency
/// percentiles, the latency added over calling the upstream directly, CPU-seconds per 1,000 requests
/// and RSS. Exit code 0 when every request succeeded, 1 when some failed, 2 for bad options.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var duration = new Option<double>("--duration") { Description = "Seconds per phase (default 10).", DefaultValueFactory = _ => 10 };
        var rates = new Option<string>("--rates") { Description = "Open-loop rates in requests/s, comma-separated (default 320,1000).", DefaultValueFactory = _ => "320,1000" };
        var connections = new Option<int>("--connections") { Description = "Connections of the closed-loop saturation phase (default 32).", DefaultValueFactory = _ => 32 };
        var mode = new Option<string>("--mode") { Description = "both, non-streaming or streaming (default both).", DefaultValueFactory = _ => "both" };
        var noSaturation = new Option<bool>("--no-saturation") { Description = "Skip the closed-loop saturation phases." };
        var noDirect = new Option<bool>("--no-direct") { Description = "Skip the direct runs against the upstream (no added-latency figures)." };
        var simLatency = new Option<int>("--simulator-latency-ms") { Description = "The simulator's answer time (time to first token) in ms (default 0: saturation measures the gateway alone)." };
        var warmup = new Option<int>("--warmup") { Description = "Requests sent back to back before measuring, to each target, then up to 8 s paced at the lowest rate per mode (default 2000; the gateway JIT-compiles its hot path in tiers; 0: no warm-up).", DefaultValueFactory = _ => 2000 };
        var target = new Option<string?>("--target") { Description = "Measure another OpenAI-compatible gateway at this URL instead of starting Switchyard (root, …/v1 or …/chat/completions)." };
        var upstream = new Option<string?>("--upstream") { Description = "With --target: the upstream that gateway forwards to, called directly for the added latency (e.g. a `switchyard simulator`)." };
        var model = new Option<string?>("--model") { Description = $"With --target: the model to ask for (default {BenchStack.DirectModel})." };
        var apiKey = new Option<string?>("--api-key") { Description = "With --target: sent as Authorization: Bearer." };
        var upstreamKey = new Option<string?>("--upstream-api-key") { Description = "With --upstream: its bearer key (default: --api-key)." };
        var header = new Option<string[]>("--header") { Description = "With --target: an extra request header 'Name: value' (repeatable).", AllowMultipleArgumentsPerToken = false };
        var pid = new Option<int?>("--pid") { Description = "With --target: the gateway's process id, for its CPU and RSS from /proc." };
        var json = new Option<string?>("--json") { Description = "Also write the results as JSON to this file." };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the results as a markdown table to this file." };
        var command = new Command("bench", "Load-test the gateway (or another one) and report throughput, latency, added latency, CPU and memory.")
            { duration, rates, connections, mode, noSaturation, noDirect, simLatency, warmup, target, upstream, upstreamKey, model, apiKey, header, pid, json, markdown };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var problems = new List<string>();
            var settings = Settings(parse, problems, duration, rates, connections, mode, noSaturation, noDirect, simLatency, warmup, target, upstream, upstreamKey, model, apiKey, header, pid);
            if (problems.Count > 0)
            {
                foreach (var p in problems) Console.Error.WriteLine(p);
                return 2;
            }
            try
            {
                var run = await BenchRunner.RunAsync(settings, Console.Out, cancellationToken);
                Console.WriteLine();
                Console.Write(BenchReport.Text(run));
                if (parse.GetValue(json) is { } jsonFile) await File.WriteAllTextAsync(jsonFile, JsonSerializer.Serialize(run, BenchJsonContext.Default.BenchRun), cancellationToken);
                if (parse.GetValue(markdown) is { } mdFile) await File.WriteAllTextAsync(mdFile, BenchReport.Markdown(run), cancellationToken);
                return run.Phases.Any(p => p.Errors > 0) ? 1 : 0;
            }
            catch (BenchException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return command;
    }

    private static BenchSettings Settings(ParseResult parse, List<string> problems, Option<double> duration, Option<string> rates, Option<int> connections,
        Option<string> mode, Option<bool> noSaturation, Option<bool> noDirect, Option<int> simLatency, Option<int> warmup, Option<string?> target,
        Option<string?> upstream, Option<string?> upstreamKey, Option<string?> model, Option<string?> apiKey, Option<string[]> header, Option<int?> pid)
    {
        var seconds = parse.GetValue(duration);
        if (seconds is <= 0 or > 3600) problems.Add("--duration must be more than 0 and at most 3600 seconds.");
        var rateList = new List<double>();
        foreach (var part in parse.GetValue(rates)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 && r <= 1_000_000) rateList.Add(r);
            else problems.Add($"--rates: '{part}' is not a rate in requests/s (more than 0).");
        }
        if (parse.GetValue(connections) is < 1 or > 4096) problems.Add("--connections must be between 1 and 4096.");
        var modeValue = parse.GetValue(mode);
        if (modeValue is not ("both" or "non-streaming" or "streaming")) problems.Add("--mode must be both, non-streaming or streaming.");
        if (parse.GetValue(simLatency) is < 0 or > 60_000) problems.Add("--simulator-latency-ms must be between 0 and 60000.");
        if (parse.GetValue(warmup) < 0) problems.Add("--warmup must be 0 or more.");
        var targetUrl = Url(parse.GetValue(target), "--target", problems);
        var upstreamUrl = Url(parse.GetValue(upstream), "--upstream", problems);
        if (targetUrl is null && (upstreamUrl is not null || parse.GetValue(pid) is not null || parse.GetValue(model) is not null || parse.GetValue(apiKey) is not null || (parse.GetValue(header)?.Length ?? 0) > 0))
            problems.Add("--upstream, --model, --api-key, --header and --pid go with --target (without it the harness starts and keys its own gateway).");
        if (targetUrl is not null && parse.GetValue(simLatency) != 0) problems.Add("--simulator-latency-ms needs the harness's own simulator (not --target): set the latency on your upstream.");
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var h in parse.GetValue(header) ?? [])
        {
            var colon = h.IndexOf(':');
            if (colon <= 0) problems.Add($"--header '{h}': expected 'Name: value'.");
            else headers.Add(new(h[..colon].Trim(), h[(colon + 1)..].Trim()));
        }
        return new BenchSettings
        {
            Duration = TimeSpan.FromSeconds(seconds),
            Rates = rateList,
            Connections = parse.GetValue(connections),
            NonStreaming = modeValue != "streaming",
            Streaming = modeValue != "non-streaming",
            Saturation = !parse.GetValue(noSaturation),
            Direct = !parse.GetValue(noDirect),
            SimulatorLatencyMs = parse.GetValue(simLatency),
            WarmupRequests = parse.GetValue(warmup),
            Target = targetUrl,
            Upstream = upstreamUrl,
            Model = parse.GetValue(model),
            ApiKey = parse.GetValue(apiKey),
            UpstreamApiKey = parse.GetValue(upstreamKey),
            Headers = headers,
            Pid = parse.GetValue(pid),
        };
    }

    private static Uri? Url(string? value, string option, List<string> problems)
    {
        if (value is null) return null;
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        problems.Add($"{option}: '{value}' is not an http(s) URL.");
        return null;
    }
}
