using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Config;
using Switchyard.Server.Hosting;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Cli;

/// <summary>
/// `switchyard bench`, the load harness, run for real for a couple of seconds per phase: it must
/// count the requests, see no errors, and read CPU and RSS from /proc. How fast anything is, is the
/// harness's output, not what these tests check.
/// </summary>
public class BenchCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(CliProcess Cli, JsonElement Report)> RunAsync(params string[] args)
    {
        var dir = Directory.CreateTempSubdirectory("switchyard-bench-test-").FullName;
        var json = Path.Combine(dir, "bench.json");
        var cli = CliProcess.Start(dir, ["bench", "--json", json, .. args]);
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(240)), "bench did not finish: " + cli.Stdout + cli.Stderr);
        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json, Ct));
        return (cli, doc.RootElement.Clone());
    }

    private static double Number(JsonElement e, string name) => e.GetProperty(name).GetDouble();

    [Fact]
    public async Task It_drives_its_own_simulator_and_gateway_processes_and_reports_every_phase()
    {
        var (cli, report) = await RunAsync("--duration", "2", "--rates", "50", "--connections", "4", "--warmup", "100");
        await using (cli)
        {
            var phases = report.GetProperty("phases").EnumerateArray().ToList();
            // (one rate + saturation) x (non-streaming, streaming) x (direct, gateway)
            Assert.Equal(8, phases.Count);
            foreach (var phase in phases)
            {
                var what = phase.GetProperty("phase").GetString() + " -> " + phase.GetProperty("target").GetString();
                Assert.True(Number(phase, "errors") == 0, what + ": " + phase);
                Assert.True(Number(phase, "ok") > 0, what);
                Assert.Equal(Number(phase, "sent"), Number(phase, "ok"));
                Assert.True(Number(phase, "p50_ms") > 0 && Number(phase, "p50_ms") <= Number(phase, "p99_ms") && Number(phase, "p99_ms") <= Number(phase, "p999_ms"), what);
                Assert.Equal(phase.GetProperty("stream").GetBoolean(), phase.TryGetProperty("ttft_p99_ms", out _));
                if (phase.TryGetProperty("offered_rate", out var rate))
                    Assert.InRange(Number(phase, "ok"), 50 * 2 * 0.9, 50 * 2); // open loop: the schedule, not the server, sets the count
            }
            foreach (var gateway in phases.Where(p => p.GetProperty("target").GetString() == "gateway"))
            {
                Assert.True(gateway.TryGetProperty("added_p99_ms", out _), "no added latency: " + gateway);
                Assert.True(Number(gateway, "cpu_seconds") >= 0 && gateway.TryGetProperty("cpu_seconds_per1000", out _), gateway.ToString());
                Assert.True(Number(gateway, "context_switches_per_request") > 0, gateway.ToString()); // every request wakes a waiting thread
                Assert.InRange(Number(gateway, "rss_mb"), 10, 4096);
                Assert.InRange(Number(gateway, "allocated_kb_per_request"), 0.1, 10_000); // from the gateway's /metrics
                Assert.True(Number(gateway, "gc_pause_ms_per_second") >= 0 && Number(gateway, "gc_collections") >= 0, gateway.ToString());
            }
            foreach (var direct in phases.Where(p => p.GetProperty("target").GetString() == "direct"))
            {
                Assert.False(direct.TryGetProperty("allocated_kb_per_request", out _), "the simulator has no runtime counters: " + direct);
                Assert.False(direct.TryGetProperty("context_switches_per_request", out _), "only the measured process's /proc is read: " + direct);
            }
            // Saturation keeps the gateway busy for 2 s: its CPU time must have moved.
            Assert.Contains(phases, p => p.GetProperty("target").GetString() == "gateway" && !p.TryGetProperty("offered_rate", out _) && Number(p, "cpu_seconds") > 0);
            Assert.InRange(Number(report, "idle_rss_mb"), 10, 4096);
            Assert.True(Number(report, "idle_cpu_percent") >= 0 && Number(report, "idle_cpu_after_load_percent") >= 0);
            Assert.True(Number(report, "peak_rss_mb") >= Number(report, "idle_rss_mb"));
            Assert.Matches(@"\d+\.\d+ \d+\.\d+ \d+\.\d+", report.GetProperty("load_average_at_start").GetString());
            Assert.Matches(@"(?m)^non-stream @50/s\s+gateway\s+\d+\s+\d+\s+0\s", cli.Stdout);
            Assert.Contains("cpu s/1k", cli.Stdout);
            Assert.Contains("ctx sw/req", cli.Stdout);
        }
    }

    [Fact]
    public async Task With_target_it_measures_another_gateway_and_reads_proc_only_for_the_given_pid()
    {
        var config = EmbeddedDefaultConfig.Build(_ => null, out _);
        await using var gateway = await GatewayHost.StartAsync(new GatewayStartOptions(config, "embedded default")
        {
            Urls = "http://127.0.0.1:0",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        }, Ct);
        var (cli, report) = await RunAsync("--target", gateway.OpenAIBaseUrl.ToString(), "--model", "gpt-4.1-mini", "--pid", Environment.ProcessId.ToString(),
            "--duration", "1", "--rates", "40", "--mode", "streaming", "--no-saturation", "--warmup", "20");
        await using (cli)
        {
            var phase = Assert.Single(report.GetProperty("phases").EnumerateArray()); // no --upstream: no direct run
            Assert.Equal("target", phase.GetProperty("target").GetString());
            Assert.True(phase.GetProperty("stream").GetBoolean());
            Assert.Equal(0, Number(phase, "errors"));
            Assert.True(Number(phase, "ok") >= 36, phase.ToString());
            Assert.False(phase.TryGetProperty("added_p99_ms", out _));
            Assert.True(phase.TryGetProperty("cpu_seconds", out _) && phase.TryGetProperty("rss_mb", out _), phase.ToString());
        }
    }

    [Fact]
    public async Task With_target_and_upstream_it_compares_against_the_upstream_and_without_pid_reads_no_proc_figures()
    {
        await using var simulator = await Switchyard.Simulator.Hosting.SimulatorHost.StartAsync(ct: Ct);
        var config = EmbeddedDefaultConfig.Build(_ => null, out _);
        await using var gateway = await GatewayHost.StartAsync(new GatewayStartOptions(config, "embedded default")
        {
            Urls = "http://127.0.0.1:0",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        }, Ct);
        var (cli, report) = await RunAsync("--target", gateway.OpenAIBaseUrl.ToString(), "--upstream", simulator.OpenAIBaseUrl.ToString(),
            "--upstream-api-key", "sk-any", "--model", "gpt-4.1-mini", "--duration", "1", "--rates", "40", "--mode", "non-streaming", "--no-saturation", "--warmup", "20");
        await using (cli)
        {
            var phases = report.GetProperty("phases").EnumerateArray().ToList();
            Assert.Equal(["direct", "target"], phases.Select(p => p.GetProperty("target").GetString()));
            Assert.All(phases, p => Assert.Equal(0, Number(p, "errors")));
            Assert.True(phases[1].TryGetProperty("added_p50_ms", out _) && phases[1].TryGetProperty("added_p99_ms", out _), phases[1].ToString());
            Assert.False(phases[1].TryGetProperty("cpu_seconds", out _));
            Assert.False(phases[1].TryGetProperty("context_switches_per_request", out _));
            Assert.False(report.TryGetProperty("idle_rss_mb", out _));
        }
    }

    [Fact]
    public async Task Non_streaming_mode_measures_a_gateway_whose_streaming_is_broken_and_never_sends_it_a_stream()
    {
        // A peer that answers plain requests and fails every stream (as Portkey's gateway did here):
        // the harness's first check and its warm-up must send only the kinds of request being measured.
        var streams = 0;
        var plain = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var peer = builder.Build();
        peer.MapPost("/v1/chat/completions", async (HttpContext c) =>
        {
            using var body = await JsonDocument.ParseAsync(c.Request.Body, cancellationToken: c.RequestAborted);
            if (body.RootElement.TryGetProperty("stream", out var s) && s.GetBoolean())
            {
                Interlocked.Increment(ref streams);
                c.Response.StatusCode = 500;
                return;
            }
            Interlocked.Increment(ref plain);
            c.Response.ContentType = "application/json";
            await c.Response.WriteAsync("""{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4.1-mini","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""");
        });
        await peer.StartAsync(Ct);
        var url = peer.Urls.Single();

        var (cli, report) = await RunAsync("--target", url, "--model", "gpt-4.1-mini", "--duration", "1", "--rates", "40",
            "--mode", "non-streaming", "--no-saturation", "--warmup", "20");
        await using (cli)
        {
            var phase = Assert.Single(report.GetProperty("phases").EnumerateArray());
            Assert.False(phase.GetProperty("stream").GetBoolean());
            Assert.Equal(0, Number(phase, "errors"));
            Assert.True(Number(phase, "ok") >= 36, phase.ToString());
        }
        Assert.Equal(0, streams);
        Assert.True(plain >= 1 + 20 + 36, $"{plain} plain requests");
    }

    [Theory]
    [InlineData("--rates", "fast")]
    [InlineData("--duration", "0")]
    [InlineData("--mode", "sometimes")]
    [InlineData("--pid", "1")]
    public async Task Bad_options_exit_2_with_the_reason(string option, string value)
    {
        await using var cli = CliProcess.Start(Directory.CreateTempSubdirectory("switchyard-bench-test-").FullName, "bench", option, value);
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains(option, cli.Stderr);
    }
}
