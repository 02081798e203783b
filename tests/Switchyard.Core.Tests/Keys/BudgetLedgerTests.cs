using Switchyard.Core.Keys;
using Switchyard.Core.Tests.Execution;

namespace Switchyard.Core.Tests.Keys;

/// <summary>Budgets reserved in memory against leased slices of a shared counter.</summary>
public class BudgetLedgerTests
{
    private static readonly BudgetSettings Settings = new() { MinLeaseUsd = 0.01m, LeaseFraction = 0.1m };

    [Fact]
    public async Task Reservations_stop_at_the_limit_and_the_exact_cost_replaces_the_estimate()
    {
        var time = new FakeTimeProvider();
        var store = new MemoryBudgetStore();
        var ledger = new BudgetLedger(store, Settings, time, "r1");
        var line = new BudgetLine("key:k", BudgetPeriod.Day, 1.00m);
        var admitted = 0;
        while (true)
        {
            var (reservation, refusal) = await ledger.ReserveAsync([line], 0.10m, CancellationToken.None);
            if (refusal is not null) { Assert.Equal(line, refusal.Line); break; }
            reservation!.Settle(0.10m);
            admitted++;
        }
        Assert.Equal(10, admitted);
        await ledger.ReleaseAllAsync(CancellationToken.None);
        Assert.Equal(1.00m, store.Spent("key:k"));
        Assert.Equal(0m, store.Holding("key:k"));
    }

    [Fact]
    public async Task A_released_reservation_costs_nothing()
    {
        var time = new FakeTimeProvider();
        var store = new MemoryBudgetStore();
        var ledger = new BudgetLedger(store, Settings, time, "r1");
        var line = new BudgetLine("key:k", BudgetPeriod.Total, 0.05m);
        var (reservation, _) = await ledger.ReserveAsync([line], 0.05m, CancellationToken.None);
        Assert.False((await ledger.ReserveAsync([line], 0.01m, CancellationToken.None)).Refusal is null); // all of it is reserved
        reservation!.Release();
        Assert.Null((await ledger.ReserveAsync([line], 0.05m, CancellationToken.None)).Refusal);
    }

    [Fact]
    public async Task Concurrent_requests_on_two_replicas_overspend_by_no_more_than_what_is_in_flight()
    {
        var time = new FakeTimeProvider();
        var store = new MemoryBudgetStore { Delay = TimeSpan.FromMilliseconds(2) };
        var replicas = new[] { new BudgetLedger(store, Settings, time, "a"), new BudgetLedger(store, Settings, time, "b") };
        var line = new BudgetLine("project:p", BudgetPeriod.Day, 0.50m);
        const decimal estimate = 0.01m, actual = 0.012m; // every call costs 20 % more than estimated
        decimal spent = 0;
        var inFlightPeak = 0;
        var inFlight = 0;
        var gate = new Lock();
        await Parallel.ForAsync(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (i, ct) =>
        {
            var (reservation, refusal) = await replicas[i % 2].ReserveAsync([line], estimate, ct);
            if (refusal is not null) return;
            lock (gate) inFlightPeak = Math.Max(inFlightPeak, ++inFlight);
            await Task.Yield();
            lock (gate) { inFlight--; spent += actual; }
            reservation!.Settle(actual);
        });
        foreach (var r in replicas) await r.ReleaseAllAsync(CancellationToken.None);
        Assert.Equal(spent, store.Spent("project:p"));
        // The bound: the limit plus, for each request in flight, what it cost beyond its reservation.
        Assert.True(spent <= line.Limit + inFlightPeak * (actual - estimate) + (actual - estimate) * 50,
            $"spent {spent} with {inFlightPeak} in flight at most");
        Assert.True(spent >= line.Limit - 2 * estimate * 2, $"spent only {spent}: leases were not shared back");
    }

    [Fact]
    public async Task A_replica_holding_a_lease_blocks_the_others_only_until_it_returns_it()
    {
        var time = new FakeTimeProvider();
        var store = new MemoryBudgetStore();
        var settings = Settings with { MinLeaseUsd = 1m }; // one lease takes the whole budget
        var a = new BudgetLedger(store, settings, time, "a");
        var b = new BudgetLedger(store, settings, time, "b");
        var line = new BudgetLine("key:k", BudgetPeriod.Total, 1m);
        var (held, _) = await a.ReserveAsync([line], 0.1m, CancellationToken.None);
        held!.Settle(0.1m);
        Assert.NotNull((await b.ReserveAsync([line], 0.1m, CancellationToken.None)).Refusal);
        time.Advance(settings.IdleRelease);
        await a.SyncAllAsync(CancellationToken.None); // idle: the lease goes back
        time.Advance(settings.SyncInterval);
        Assert.Null((await b.ReserveAsync([line], 0.1m, CancellationToken.None)).Refusal);
        Assert.Equal(0.1m, store.Spent("key:k"));
    }

    [Fact]
    public async Task Warnings_start_at_the_configured_share()
    {
        var time = new FakeTimeProvider();
        var ledger = new BudgetLedger(new MemoryBudgetStore(), Settings, time, "r");
        var line = new BudgetLine("key:k", BudgetPeriod.Month, 1m);
        var (r, _) = await ledger.ReserveAsync([line], 0.79m, CancellationToken.None);
        r!.Settle(0.79m);
        Assert.Empty(ledger.Warnings([line]));
        (r, _) = await ledger.ReserveAsync([line], 0.01m, CancellationToken.None);
        r!.Settle(0.01m);
        Assert.Single(ledger.Warnings([line]));
    }
}

/// <summary>An in-memory stand-in for the store's budget sync, serialised like the database's row lock.</summary>
internal sealed class MemoryBudgetStore : IBudgetStore
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<(string, string), decimal> spent = [];
    private readonly Dictionary<(string, string, string), (decimal Holding, DateTimeOffset Until)> leases = [];

    public TimeSpan Delay { get; init; }

    public decimal Spent(string scope) => spent.Where(s => s.Key.Item1 == scope).Sum(s => s.Value);

    public decimal Holding(string scope) => leases.Where(l => l.Key.Item1 == scope).Sum(l => l.Value.Holding);

    public async Task<BudgetSyncResult> SyncBudgetAsync(BudgetSyncRequest r, CancellationToken cancellationToken)
    {
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var total = spent.GetValueOrDefault((r.Scope, r.Period)) + r.SpentDelta;
            spent[(r.Scope, r.Period)] = total;
            var others = leases.Where(l => l.Key.Item1 == r.Scope && l.Key.Item2 == r.Period && l.Key.Item3 != r.Replica && l.Value.Until > r.Now)
                .Sum(l => l.Value.Holding);
            var left = Math.Max(0, r.Limit - total - others - r.Holding);
            var granted = Math.Clamp(r.GrantFor(left), 0, left);
            leases[(r.Scope, r.Period, r.Replica)] = (r.Holding + granted, r.LeaseUntil);
            return new BudgetSyncResult(granted, total, others);
        }
        finally
        {
            gate.Release();
        }
    }
}
