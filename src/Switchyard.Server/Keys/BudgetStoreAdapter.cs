using Switchyard.Core.Keys;
using Switchyard.Storage.Keys;

namespace Switchyard.Server.Keys;

/// <summary>The ledger's view of the key store: USD as decimals here, nano-USD integers in the store.</summary>
public sealed class BudgetStoreAdapter(IKeyStore store) : IBudgetStore
{
    private const decimal NanoPerUsd = 1_000_000_000m;

    public static long ToNano(decimal usd) => (long)Math.Round(usd * NanoPerUsd, MidpointRounding.AwayFromZero);

    public static decimal ToUsd(long nano) => nano / NanoPerUsd;

    public async Task<BudgetSyncResult> SyncBudgetAsync(BudgetSyncRequest request, CancellationToken cancellationToken)
    {
        var outcome = await store.SyncBudgetAsync(new BudgetSyncRow(request.Scope, request.Period, request.Replica,
            ToNano(request.Limit), ToNano(request.SpentDelta), ToNano(request.Holding),
            left => ToNano(request.GrantFor(ToUsd(left))),
            request.Now.ToUnixTimeMilliseconds(), request.LeaseUntil.ToUnixTimeMilliseconds()), cancellationToken);
        return new BudgetSyncResult(ToUsd(outcome.GrantedNanoUsd), ToUsd(outcome.SpentNanoUsd), ToUsd(outcome.OthersHoldingNanoUsd));
    }
}
