using Switchyard.Cli.Bench;

namespace Switchyard.Server.Tests.Cli;

/// <summary>The /proc figures the bench harness reads, taken from this very test process.</summary>
public class ProcStatsTests
{
    [Fact]
    public void A_threads_context_switches_are_read_by_thread_and_grow_when_it_waits()
    {
        using var slept = new ManualResetEventSlim();
        using var measured = new ManualResetEventSlim();
        var before = ProcStats.ContextSwitchesByThread(Environment.ProcessId);
        // A thread of its own that sleeps ten times (ten voluntary switches), then stays alive until it has
        // been counted. The process's main thread, the only one /proc/PID/status describes, sits idle in the
        // test host meanwhile.
        var sleeper = new Thread(() =>
        {
            for (var i = 0; i < 10; i++) Thread.Sleep(2);
            slept.Set();
            measured.Wait();
        });
        sleeper.Start();
        slept.Wait(TestContext.Current.CancellationToken);
        var during = ProcStats.ContextSwitchesByThread(Environment.ProcessId);
        measured.Set();
        sleeper.Join();

        Assert.NotNull(before);
        Assert.NotNull(during);
        Assert.True(ProcStats.SwitchesBetween(before, during) >= 10);
    }

    [Fact]
    public void A_thread_that_exits_between_two_snapshots_does_not_make_the_difference_negative()
    {
        // A thread that has switched hundreds of times, is in the first snapshot and is gone by the second:
        // summing each snapshot and subtracting went negative (the bench once printed -19.2 switches per request).
        using var ready = new ManualResetEventSlim();
        using var go = new ManualResetEventSlim();
        var busy = new Thread(() =>
        {
            for (var i = 0; i < 300; i++) Thread.Sleep(1);
            ready.Set();
            go.Wait();
        }) { Name = "sy-exiting" };
        busy.Start();
        ready.Wait(TestContext.Current.CancellationToken);
        var busyTid = Directory.GetDirectories("/proc/self/task")
            .Single(t => File.ReadAllText(Path.Combine(t, "comm")).Trim() == "sy-exiting");
        var before = ProcStats.ContextSwitchesByThread(Environment.ProcessId)!;
        go.Set();
        busy.Join();
        // Join returns when the managed thread is done; the OS thread leaves /proc a moment later.
        var gone = SpinWait.SpinUntil(() => !Directory.Exists(busyTid), TimeSpan.FromSeconds(10));
        var after = ProcStats.ContextSwitchesByThread(Environment.ProcessId)!;

        var tid = int.Parse(Path.GetFileName(busyTid));
        Assert.True(gone, "the thread never left /proc/self/task");
        Assert.True(before[tid] >= 300);
        Assert.False(after.ContainsKey(tid));
        Assert.InRange(ProcStats.SwitchesBetween(before, after), 0, before.Values.Sum());
    }

    [Fact]
    public void The_difference_counts_growth_new_threads_whole_and_leaves_exited_ones_out()
    {
        var before = new Dictionary<int, long> { [1] = 100, [2] = 50, [3] = 1_000 };
        var after = new Dictionary<int, long>
        {
            [1] = 130, // grew by 30
            [2] = 7,   // lower than before: the id was reused by a new thread, which made 7
            [4] = 5,   // new: 5
        };             // 3 exited: left out

        Assert.Equal(30 + 7 + 5, ProcStats.SwitchesBetween(before, after));
    }

    [Fact]
    public void A_process_that_is_gone_has_no_figures()
    {
        Assert.Null(ProcStats.ContextSwitchesByThread(int.MaxValue));
        Assert.Null(ProcStats.CpuSeconds(int.MaxValue));
        Assert.Null(ProcStats.RssMb(int.MaxValue));
    }
}
