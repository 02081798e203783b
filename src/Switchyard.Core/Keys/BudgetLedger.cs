using System.Collections.Concurrent;

namespace Switchyard.Core.Keys;

/// <summary>One budget a request is charged against: whose, which period, and its ceiling.</summary>
/// <param name="Scope">"key:ID" or "project:ID".</param>
public readonly record struct BudgetLine(string Scope, BudgetPeriod Period, decimal Limit)
{
    /// <summary>"key abc12345 daily" / "project shop monthly", for messages and headers.</summary>
    public string Describe() => $"{Scope.Replace(':', ' ')} {BudgetPeriods.Name(Period)}";
}

/// <summary>A budget that refused a request, for the 429.</summary>
public sealed record BudgetRefusal(BudgetLine Line, decimal Used, decimal Estimate);

/// <summary>A budget at or past its warning share, for the x-switchyard-budget-warning header.</summary>
public sealed record BudgetWarning(BudgetLine Line, decimal Used);

/// <summary>
/// The budgets of this replica: reserves a request's estimate against every budget that applies
/// (key and project; day, month, total), in memory against leased slices, and replaces it with the
/// exact cost afterwards. Total spend can exceed a ceiling by no more than what requests in flight
/// at the moment it is reached cost beyond their reservations (the README states the bound).
/// </summary>
public sealed class BudgetLedger(IBudgetStore store, BudgetSettings settings, TimeProvider time, string replica)
{
    private readonly ConcurrentDictionary<(string Scope, string Period), (BudgetAccount Account, decimal Limit)> accounts = new();

    public string Replica { get; } = replica;

    public BudgetSettings Settings => settings;

    /// <summary>Reserves <paramref name="estimate"/> on every line, or none of them.</summary>
    public async Task<(BudgetReservation? Reservation, BudgetRefusal? Refusal)> ReserveAsync(IReadOnlyList<BudgetLine> lines, decimal estimate,
        CancellationToken cancellationToken)
    {
        var reservation = new BudgetReservation();
        foreach (var line in lines)
        {
            var account = AccountFor(line);
            if (!await ReserveOneAsync(account, line, estimate, cancellationToken))
            {
                reservation.Release();
                return (null, new BudgetRefusal(line, account.Used, estimate));
            }
            reservation.Add(account, estimate);
            if (account.NeedsTopUp) _ = TopUpAsync(account, line.Limit); // refill ahead, off the request path
        }
        return (reservation, null);
    }

    /// <summary>The budgets at or past their warning share (checked on this replica's latest view).</summary>
    public IReadOnlyList<BudgetWarning> Warnings(IReadOnlyList<BudgetLine> lines)
    {
        List<BudgetWarning>? warnings = null;
        foreach (var line in lines)
        {
            var used = AccountFor(line).Used;
            if (line.Limit > 0 && used >= settings.WarnFraction * line.Limit) (warnings ??= []).Add(new BudgetWarning(line, used));
            else if (line.Limit == 0) (warnings ??= []).Add(new BudgetWarning(line, used));
        }
        return warnings ?? (IReadOnlyList<BudgetWarning>)[];
    }

    /// <summary>What this replica knows is spent on a budget (the store's counter at the last sync plus local spend since).</summary>
    public decimal Used(BudgetLine line) => AccountFor(line).Used;

    /// <summary>
    /// The background round: writes spend and renews leases of every counter, tops up low ones,
    /// returns idle leases, and drops counters of past periods once returned.
    /// </summary>
    public async Task SyncAllAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (id, (account, limit)) in accounts)
        {
            var past = account.PeriodKey != BudgetPeriods.KeyOf(account.Period, now);
            var release = past || account.IsIdle(now, settings.IdleRelease);
            await account.SyncAsync(store, Replica, limit, release ? 0 : (account.NeedsTopUp ? 1e-9m : 0), release, settings, time, cancellationToken);
            if (release && account.IsEmpty) accounts.TryRemove(id, out _);
        }
    }

    /// <summary>Returns every lease and writes all spend (at shutdown).</summary>
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        foreach (var (_, (account, limit)) in accounts)
            await account.SyncAsync(store, Replica, limit, 0, release: true, settings, time, cancellationToken);
    }

    private async Task<bool> ReserveOneAsync(BudgetAccount account, BudgetLine line, decimal estimate, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = time.GetUtcNow();
            if (account.TryReserve(estimate, now)) return true;
            if (account.RecentlyExhausted(now, settings.SyncInterval)) return false;
            // The lease is used up: the one case where a request waits on the store.
            await account.SyncAsync(store, Replica, line.Limit, Math.Max(estimate, 1e-9m), release: false, settings, time, cancellationToken);
        }
        return account.TryReserve(estimate, time.GetUtcNow());
    }

    private async Task TopUpAsync(BudgetAccount account, decimal limit)
    {
        try { await account.SyncAsync(store, Replica, limit, 1e-9m, release: false, settings, time, CancellationToken.None); }
        catch (Exception) { /* the next request or round tries again; a store that is down is reported by the sync loop */ }
    }

    private BudgetAccount AccountFor(BudgetLine line)
    {
        var period = BudgetPeriods.KeyOf(line.Period, time.GetUtcNow());
        var entry = accounts.AddOrUpdate((line.Scope, period),
            static (k, l) => (new BudgetAccount(k.Scope, l.Period, k.Period), l.Limit),
            static (_, existing, l) => existing.Limit == l.Limit ? existing : (existing.Account, l.Limit), line);
        return entry.Account;
    }
}

/// <summary>A request's reservations; settle with the exact cost, or release when nothing was spent. Idempotent.</summary>
public sealed class BudgetReservation
{
    private readonly List<(BudgetAccount Account, decimal Amount)> parts = [];
    private int done;

    internal void Add(BudgetAccount account, decimal amount) => parts.Add((account, amount));

    public void Settle(decimal actual)
    {
        if (Interlocked.Exchange(ref done, 1) != 0) return;
        foreach (var (account, amount) in parts) account.Settle(amount, actual);
    }

    public void Release()
    {
        if (Interlocked.Exchange(ref done, 1) != 0) return;
        foreach (var (account, amount) in parts) account.Release(amount);
    }
}
