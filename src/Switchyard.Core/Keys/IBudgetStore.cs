namespace Switchyard.Core.Keys;

/// <summary>
/// Where budgets are kept across replicas (the key store). One call does everything a replica needs,
/// in one transaction that serialises with every other replica's on the same counter: add the spend
/// this replica has not reported yet, read what the others hold, and set this replica's lease to
/// what it still holds plus a new grant.
/// </summary>
public interface IBudgetStore
{
    Task<BudgetSyncResult> SyncBudgetAsync(BudgetSyncRequest request, CancellationToken cancellationToken);
}

/// <param name="Scope">"key:ID" or "project:ID".</param>
/// <param name="Period">The period key ("2026-11-22", "2026-11", "total").</param>
/// <param name="Replica">This process's id; each replica holds at most one lease per counter.</param>
/// <param name="Limit">The ceiling in force (USD).</param>
/// <param name="SpentDelta">Exact spend since the last sync, added to the counter.</param>
/// <param name="Holding">What this replica still holds of its lease (unspent; reservations in flight included).</param>
/// <param name="GrantFor">Given what is left after everyone's spend and leases, how much more to lease now (0 for none).</param>
/// <param name="LeaseUntil">The lease lapses then unless renewed; other replicas ignore lapsed leases.</param>
public sealed record BudgetSyncRequest(
    string Scope,
    string Period,
    string Replica,
    decimal Limit,
    decimal SpentDelta,
    decimal Holding,
    Func<decimal, decimal> GrantFor,
    DateTimeOffset Now,
    DateTimeOffset LeaseUntil);

/// <param name="Granted">Added to this replica's lease.</param>
/// <param name="Spent">The counter's total spend after this sync.</param>
/// <param name="OthersHolding">What the other replicas hold in unlapsed leases.</param>
public readonly record struct BudgetSyncResult(decimal Granted, decimal Spent, decimal OthersHolding);
