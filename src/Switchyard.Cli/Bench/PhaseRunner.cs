using System.Diagnostics;

namespace Switchyard.Cli.Bench;

/// <summary>Drives one phase against one target and measures it, the target's /proc figures included.</summary>
public static class PhaseRunner
{
    /// <summary>Open-loop requests allowed in flight at once; beyond it a due request is counted as an error instead of sent.</summary>
    private const int MaxInFlight = 4096;
    /// <summary>How long answers still in flight at the end of a phase may take before they are cancelled.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    public static async Task<PhaseResult> RunAsync(PhaseSpec spec, LoadClient client, CancellationToken cancellationToken)
    {
        var pid = client.Target.Pid;
        var countersBefore = await client.ReadRuntimeCountersAsync(cancellationToken);
        var cpuBefore = pid is { } p0 ? ProcStats.CpuSeconds(p0) : null;
        var switchesBefore = pid is { } p4 ? ProcStats.ContextSwitchesByThread(p4) : null;
        using var requestsCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        requestsCts.CancelAfter(spec.Duration + DrainTimeout);
        var recorder = new Recorder(spec);
        var started = Stopwatch.GetTimestamp();
        if (spec.IsOpenLoop) await OpenLoopAsync(spec, client, recorder, requestsCts.Token);
        else await ClosedLoopAsync(spec, client, recorder, requestsCts.Token);
        cancellationToken.ThrowIfCancellationRequested();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuAfter = pid is { } p1 ? ProcStats.CpuSeconds(p1) : null;
        var switchesAfter = pid is { } p5 ? ProcStats.ContextSwitchesByThread(p5) : null;
        var countersAfter = countersBefore is null ? null : await client.ReadRuntimeCountersAsync(cancellationToken);

        var total = LatencySample.Merge(recorder.Totals);
        var firstByte = LatencySample.Merge(recorder.FirstBytes);
        var cpu = cpuAfter - cpuBefore;
        return new PhaseResult
        {
            Phase = spec.Label,
            Target = client.Target.Name,
            Stream = spec.Stream,
            OfferedRate = spec.Rate,
            Connections = spec.IsOpenLoop ? null : spec.Connections,
            Seconds = seconds,
            Sent = recorder.Sent,
            Ok = total.Count,
            Errors = recorder.Errors,
            FirstError = recorder.FirstError,
            RequestsPerSecond = total.Count / seconds,
            P50Ms = total.PercentileMs(50),
            P99Ms = total.PercentileMs(99),
            P999Ms = total.PercentileMs(99.9),
            TtftP50Ms = spec.Stream ? firstByte.PercentileMs(50) : null,
            TtftP99Ms = spec.Stream ? firstByte.PercentileMs(99) : null,
            TtftP999Ms = spec.Stream ? firstByte.PercentileMs(99.9) : null,
            CpuSeconds = cpu,
            CpuSecondsPer1000 = cpu is { } c && total.Count > 0 ? c / (total.Count / 1000.0) : null,
            ContextSwitchesPerRequest = switchesBefore is not null && switchesAfter is not null && total.Count > 0
                ? (double)ProcStats.SwitchesBetween(switchesBefore, switchesAfter) / total.Count : null,
            RssMb = pid is { } p2 ? ProcStats.RssMb(p2) : null,
            PeakRssMb = pid is { } p3 ? ProcStats.PeakRssMb(p3) : null,
            LoadAverage = ProcStats.LoadAverage(),
            AllocatedKbPerRequest = countersAfter is { } ra && countersBefore is { } rb && total.Count > 0 ? (ra.AllocatedBytes - rb.AllocatedBytes) / 1024 / total.Count : null,
            GcPauseMsPerSecond = countersAfter is { } pa && countersBefore is { } pb ? (pa.GcPauseSeconds - pb.GcPauseSeconds) * 1000 / seconds : null,
            GcCollections = countersAfter is { } ca && countersBefore is { } cb ? ca.GcCollections - cb.GcCollections : null,
        };
    }

    /// <summary>
    /// Starts request i at start + i / rate, catching up at once after a late timer, so the offered
    /// rate holds whatever the answers do. Latency is timed from the actual send.
    /// </summary>
    private static async Task OpenLoopAsync(PhaseSpec spec, LoadClient client, Recorder recorder, CancellationToken cancellationToken)
    {
        var rate = spec.Rate!.Value;
        var total = (long)(rate * spec.Duration.TotalSeconds);
        var inFlight = new List<Task>((int)Math.Min(total, int.MaxValue));
        var running = 0;
        var start = Stopwatch.GetTimestamp();
        long sent = 0;
        while (sent < total && !cancellationToken.IsCancellationRequested)
        {
            var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
            {
                if (Volatile.Read(ref running) >= MaxInFlight) { recorder.Error($"more than {MaxInFlight} requests in flight"); continue; }
                Interlocked.Increment(ref running);
                inFlight.Add(SendOneAsync());
            }
            var wait = TimeSpan.FromSeconds(sent / rate) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero) await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds))), cancellationToken);
        }
        await Task.WhenAll(inFlight);

        async Task SendOneAsync()
        {
            recorder.Record(await client.SendAsync(spec.Stream, cancellationToken), null);
            Interlocked.Decrement(ref running);
        }
    }

    private static async Task ClosedLoopAsync(PhaseSpec spec, LoadClient client, Recorder recorder, CancellationToken cancellationToken)
    {
        var end = Stopwatch.GetTimestamp() + (long)(spec.Duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, spec.Connections).Select(worker => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
                recorder.Record(await client.SendAsync(spec.Stream, cancellationToken), worker);
        }, cancellationToken)));
    }

    /// <summary>Collects timings: one sample per closed-loop worker (no lock), one shared sample under a lock for open loop.</summary>
    private sealed class Recorder
    {
        private readonly LatencySample[] totals, firstBytes;
        private readonly Lock gate = new();
        private long sent, errors;

        public Recorder(PhaseSpec spec)
        {
            var slots = spec.IsOpenLoop ? 1 : spec.Connections;
            var capacity = spec.IsOpenLoop ? (int)(spec.Rate!.Value * spec.Duration.TotalSeconds) + 16 : 4096;
            totals = Enumerable.Range(0, slots).Select(_ => new LatencySample(capacity)).ToArray();
            firstBytes = Enumerable.Range(0, slots).Select(_ => new LatencySample(spec.Stream ? capacity : 0)).ToArray();
        }

        public IEnumerable<LatencySample> Totals => totals;
        public IEnumerable<LatencySample> FirstBytes => firstBytes;
        public long Sent => Interlocked.Read(ref sent);
        public long Errors => Interlocked.Read(ref errors);
        public string? FirstError { get; private set; }

        public void Record(RequestTiming timing, int? worker)
        {
            Interlocked.Increment(ref sent);
            if (timing.Error is { } error) { Error(error, counted: true); return; }
            if (worker is { } w) Add(w, timing);
            else lock (gate) Add(0, timing);
        }

        public void Error(string message) => Error(message, counted: false);

        private void Error(string message, bool counted)
        {
            if (!counted) Interlocked.Increment(ref sent);
            Interlocked.Increment(ref errors);
            lock (gate) FirstError ??= message;
        }

        private void Add(int slot, RequestTiming timing)
        {
            totals[slot].Add(timing.TotalTicks);
            if (timing.FirstByteTicks > 0) firstBytes[slot].Add(timing.FirstByteTicks);
        }
    }
}
