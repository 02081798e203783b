namespace Switchyard.Core.Keys;

/// <summary>
/// One budget counter (a key's or project's day, month or total) as this replica sees it: the lease
/// it holds from the store, the reservations in flight against it and the spend not yet written.
/// Reservations are checked here, in memory; only an empty lease sends a request to the store.
/// </summary>
public sealed class BudgetAccount(string scope, BudgetPeriod period, string periodKey)
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim syncing = new(1, 1);
    private decimal lease;          // leased and not yet spent (reservations included)
    private decimal reserved;       // estimates of requests in flight
    private decimal unflushed;      // exact spend not yet added to the store's counter
    private decimal storeSpent;     // the counter's total at the last sync
    private decimal othersHolding;
    private decimal lastGrant;
    private DateTimeOffset validUntil = DateTimeOffset.MinValue;
    private DateTimeOffset? exhaustedAt;
    private DateTimeOffset lastUsed;

    public string Scope { get; } = scope;
    public BudgetPeriod Period { get; } = period;
    public string PeriodKey { get; } = periodKey;

    /// <summary>Spend known to this replica: the store's counter at the last sync plus what it has spent since.</summary>
    public decimal Used { get { lock (gate) return storeSpent + unflushed; } }

    public decimal Available { get { lock (gate) return lease - reserved; } }

    public decimal Reserved { get { lock (gate) return reserved; } }

    /// <summary>Reserves <paramref name="amount"/> from the lease; false when the lease (or its validity) does not cover it.</summary>
    public bool TryReserve(decimal amount, DateTimeOffset now)
    {
        lock (gate)
        {
            lastUsed = now;
            if (now >= validUntil || lease - reserved < amount) return false;
            reserved += amount;
            return true;
        }
    }

    /// <summary>The exact cost replaces the reservation.</summary>
    public void Settle(decimal reservedAmount, decimal actual)
    {
        lock (gate)
        {
            reserved -= reservedAmount;
            lease -= actual;
            unflushed += actual;
        }
    }

    public void Release(decimal reservedAmount)
    {
        lock (gate) reserved -= reservedAmount;
    }

    /// <summary>The store said nothing is left within the last <paramref name="within"/>: refuse without asking again.</summary>
    public bool RecentlyExhausted(DateTimeOffset now, TimeSpan within)
    {
        lock (gate) return exhaustedAt is { } at && now - at < within;
    }

    public bool NeedsTopUp { get { lock (gate) return lease - reserved < lastGrant / 2; } }

    public bool IsIdle(DateTimeOffset now, TimeSpan idle)
    {
        lock (gate) return reserved == 0 && now - lastUsed >= idle;
    }

    public bool IsEmpty { get { lock (gate) return reserved == 0 && unflushed == 0 && lease <= 0; } }

    /// <summary>
    /// Writes the spend, renews the lease and (when <paramref name="want"/> &gt; 0) leases more; with
    /// <paramref name="release"/>, returns the whole lease instead (only when nothing is reserved).
    /// One sync at a time per account; callers queue.
    /// </summary>
    public async Task SyncAsync(IBudgetStore store, string replica, decimal limit, decimal want, bool release, BudgetSettings settings,
        TimeProvider time, CancellationToken cancellationToken)
    {
        await syncing.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            decimal holding, delta, returned = 0;
            lock (gate)
            {
                if (want > 0 && lease - reserved >= want && now < validUntil) return; // someone else's sync already covered it
                if (release && reserved == 0) { returned = Math.Max(0, lease); lease = 0; }
                holding = Math.Max(0, lease);
                delta = unflushed;
            }
            BudgetSyncResult result;
            try
            {
                result = await store.SyncBudgetAsync(new BudgetSyncRequest(Scope, PeriodKey, replica, limit, delta, holding,
                    available => want <= 0 || release ? 0 : Grant(available, want, settings), now, now + settings.LeaseTtl), cancellationToken);
            }
            catch
            {
                lock (gate) lease += returned;
                throw;
            }
            lock (gate)
            {
                unflushed -= delta;
                lease += result.Granted;
                storeSpent = result.Spent;
                othersHolding = result.OthersHolding;
                // Stop using the lease a little before the store lets it lapse for the others.
                validUntil = now + settings.LeaseTtl - settings.SyncInterval - settings.SyncInterval;
                if (result.Granted > 0) lastGrant = result.Granted;
                exhaustedAt = want > 0 && !release && result.Granted < want ? now : null;
            }
        }
        finally
        {
            syncing.Release();
        }
    }

    /// <summary>A slice of what is left: the larger of the request's need and LeaseFraction of it (at least MinLeaseUsd), never more than is left.</summary>
    public static decimal Grant(decimal available, decimal want, BudgetSettings settings)
    {
        if (available <= 0) return 0;
        var slice = Math.Max(settings.MinLeaseUsd, settings.LeaseFraction * available);
        return Math.Min(available, Math.Max(want, slice));
    }
}
