using System.Globalization;

namespace Switchyard.Cli.Bench;

/// <summary>
/// Runs the whole benchmark: sets up the targets (Switchyard's own simulator and gateway processes,
/// or the --target gateway), warms them up, reads the idle memory, then runs every phase first
/// against the upstream directly and then through the gateway, and compares the two.
/// </summary>
public static class BenchRunner
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan PacedWarmUpTime = TimeSpan.FromSeconds(8);

    public static async Task<BenchRun> RunAsync(BenchSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        if (settings.Target is { } target)
        {
            var measured = new LoadTarget("target", target, settings.Model ?? BenchStack.DirectModel, settings.ApiKey, settings.Headers, settings.Pid);
            var direct = settings.Upstream is { } upstream && settings.Direct
                ? new LoadTarget("direct", upstream, settings.Model ?? BenchStack.DirectModel, settings.UpstreamApiKey ?? settings.ApiKey, [], null)
                : null;
            return await MeasureAsync(settings, measured, direct, target.ToString(), progress, cancellationToken);
        }

        progress.WriteLine("Starting the simulator and the gateway (real processes on loopback)...");
        await using var stack = await BenchStack.StartAsync(settings.SimulatorLatencyMs, cancellationToken);
        var gateway = new LoadTarget("gateway", stack.GatewayUrl, BenchStack.Route, stack.ApiKey, [], stack.Gateway.Id);
        var simulator = settings.Direct ? new LoadTarget("direct", stack.SimulatorUrl, BenchStack.DirectModel, BenchStack.SimulatorKey, [], null) : null;
        var description = $"switchyard serve, {ChildProcess.BuildKind} build (pid {stack.Gateway.Id}) at {stack.GatewayUrl}: keys required, route '{BenchStack.Route}' (cheapest-capable), SQLite request log; " +
            $"simulator (pid {stack.Simulator.Id}) at {stack.SimulatorUrl}, answer time {settings.SimulatorLatencyMs} ms";
        return await MeasureAsync(settings, gateway, simulator, description, progress, cancellationToken);
    }

    private static async Task<BenchRun> MeasureAsync(BenchSettings settings, LoadTarget measured, LoadTarget? direct, string description,
        TextWriter progress, CancellationToken cancellationToken)
    {
        var pid = measured.Pid;
        var startRss = pid is { } p ? ProcStats.RssMb(p) : null;
        var loadAtStart = ProcStats.LoadAverage();
        await CheckAsync(settings, measured, cancellationToken);
        if (direct is not null) await CheckAsync(settings, direct, cancellationToken);

        progress.WriteLine($"Warming up ({settings.WarmupRequests} requests)...");
        await WarmUpAsync(settings, measured, cancellationToken);
        if (direct is not null) await WarmUpAsync(settings, direct, cancellationToken);
        await Task.Delay(Settle, cancellationToken);
        var idleCpu = pid is { } pc ? await WaitForQuietAsync(pc, cancellationToken) : null;

        var run = new BenchRun
        {
            Date = DateTimeOffset.UtcNow,
            Machine = MachineInfo.Describe(),
            Gateway = description,
            Settings = Describe(settings),
            LoadAverageAtStart = loadAtStart,
            StartRssMb = startRss,
            IdleRssMb = pid is { } p1 ? ProcStats.RssMb(p1) : null,
            IdleCpuPercent = idleCpu,
        };
        foreach (var spec in settings.Phases())
        {
            PhaseResult? baseline = null;
            if (direct is not null)
            {
                baseline = await RunPhaseAsync(spec, direct, progress, cancellationToken);
                run.Phases.Add(baseline);
            }
            var result = await RunPhaseAsync(spec, measured, progress, cancellationToken);
            if (baseline is not null) result.CompareWith(baseline);
            run.Phases.Add(result);
        }
        if (pid is { } p2)
        {
            await Task.Delay(Settle * 2, cancellationToken);
            var before = ProcStats.CpuSeconds(p2);
            await Task.Delay(IdleWindow, cancellationToken);
            run.IdleCpuAfterLoadPercent = (ProcStats.CpuSeconds(p2) - before) / IdleWindow.TotalSeconds * 100;
            run.IdleRssAfterLoadMb = ProcStats.RssMb(p2);
            run.PeakRssMb = ProcStats.PeakRssMb(p2);
        }
        return run;
    }

    /// <summary>
    /// After the warm-up the JIT still recompiles hot methods in the background for a while; phases
    /// measured meanwhile would charge that to the requests. Waits (up to 20 s) until the process
    /// uses under 5% of a core over a second; returns its CPU use in the first second, in percent.
    /// </summary>
    private static async Task<double?> WaitForQuietAsync(int pid, CancellationToken cancellationToken)
    {
        double? first = null;
        for (var i = 0; i < 20; i++)
        {
            var before = ProcStats.CpuSeconds(pid);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var percent = (ProcStats.CpuSeconds(pid) - before) * 100;
            first ??= percent;
            if (percent is null or < 5) break;
        }
        return first;
    }

    private static async Task<PhaseResult> RunPhaseAsync(PhaseSpec spec, LoadTarget target, TextWriter progress, CancellationToken cancellationToken)
    {
        progress.WriteLine($"  {spec.Label,-28} -> {target.Name} for {spec.Duration.TotalSeconds:0.#} s");
        using var client = new LoadClient(target, spec.IsOpenLoop ? int.MaxValue : spec.Connections);
        var result = await PhaseRunner.RunAsync(spec, client, cancellationToken);
        await Task.Delay(Settle, cancellationToken);
        return result;
    }

    /// <summary>
    /// One request of each measured kind first, so a wrong URL, key or model stops the run with the reason
    /// instead of a table of errors. Only the measured kinds: `--mode non-streaming` must be able to measure a
    /// gateway whose streaming is broken (Portkey's, with some versions of its HTTP server; bench/RESULTS.md).
    /// </summary>
    private static async Task CheckAsync(BenchSettings settings, LoadTarget target, CancellationToken cancellationToken)
    {
        using var client = new LoadClient(target, 1);
        foreach (var stream in settings.StreamModes())
            if ((await client.SendAsync(stream, cancellationToken)).Error is { } error)
                throw new BenchException($"A {(stream ? "streaming" : "non-streaming")} request to the {target.Name} ({target.ChatUrl}) failed: {error}");
    }

    private static async Task WarmUpAsync(BenchSettings settings, LoadTarget target, CancellationToken cancellationToken)
    {
        if (settings.WarmupRequests <= 0) return;
        var modes = settings.StreamModes(); // both: every third request streams
        using (var client = new LoadClient(target, 8))
            await Parallel.ForAsync(0, settings.WarmupRequests, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (i, ct) => await client.SendAsync(stream: modes.Count == 1 ? modes[0] : i % 3 == 0, ct));
        // Then requests paced as the open-loop phases pace them. A back-to-back warm-up never lets the
        // target idle between requests, so a JIT-compiled target still had the code that runs when it
        // does (a socket read completing later, a worker woken) to compile: the first open-loop phase
        // measured 0.82 CPU-s per 1,000 at 320/s and an identical second phase 0.36 (bench/RESULTS.md).
        foreach (var spec in PacedWarmUp(settings))
        {
            using var client = new LoadClient(target, int.MaxValue);
            await PhaseRunner.RunAsync(spec, client, cancellationToken);
        }
    }

    /// <summary>One paced segment per measured mode, at the lowest open-loop rate, for 8 s or one phase if shorter.</summary>
    private static IEnumerable<PhaseSpec> PacedWarmUp(BenchSettings settings) =>
        settings.Phases().Where(p => p.IsOpenLoop).GroupBy(p => p.Stream)
            .Select(mode => mode.MinBy(p => p.Rate)! with { Duration = PacedWarmUpTime < settings.Duration ? PacedWarmUpTime : settings.Duration });

    private static string Describe(BenchSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Duration.TotalSeconds:0.#} s per phase; rates {string.Join(", ", s.Rates)} req/s open-loop; saturation {(s.Saturation ? $"{s.Connections} connections closed-loop" : "off")}; " +
        $"{(s.NonStreaming && s.Streaming ? "non-streaming and streaming" : s.Streaming ? "streaming only" : "non-streaming only")}; max_tokens 16; warm-up {s.WarmupRequests} requests{(s.WarmupRequests > 0 && s.Rates.Count > 0 ? $", then paced at {s.Rates.Min():0} req/s for up to {PacedWarmUpTime.TotalSeconds:0} s per mode" : "")}");
}
