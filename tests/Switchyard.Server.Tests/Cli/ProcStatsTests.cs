using Switchyard.Cli.Bench;

namespace Switchyard.Server.Tests.Cli;

/// <summary>The /proc figures the bench harness reads, taken from this very test process.</summary>
public class ProcStatsTests
{
    [Fact]
    public void Context_switches_are_summed_over_the_process_threads_and_grow_when_a_thread_waits()
    {
        using var slept = new ManualResetEventSlim();
        using var measured = new ManualResetEventSlim();
        var before = ProcStats.ContextSwitches(Environment.ProcessId);
        // A thread of its own that sleeps ten times (ten voluntary switches), then stays alive until it has
        // been counted: an exited thread's /proc/PID/task entry, and its count, are gone. The process's
        // main thread, the only one /proc/PID/status describes, sits idle in the test host meanwhile.
        var sleeper = new Thread(() =>
        {
            for (var i = 0; i < 10; i++) Thread.Sleep(2);
            slept.Set();
            measured.Wait();
        });
        sleeper.Start();
        slept.Wait(TestContext.Current.CancellationToken);
        var during = ProcStats.ContextSwitches(Environment.ProcessId);
        measured.Set();
        sleeper.Join();

        Assert.NotNull(before);
        Assert.True(during - before >= 10, $"{before} -> {during}");
    }

    [Fact]
    public void A_process_that_is_gone_has_no_figures()
    {
        Assert.Null(ProcStats.ContextSwitches(int.MaxValue));
        Assert.Null(ProcStats.CpuSeconds(int.MaxValue));
        Assert.Null(ProcStats.RssMb(int.MaxValue));
    }
}
