using System.Collections.Frozen;
using System.Text.Json;
using Switchyard.Core.Catalog;

namespace Switchyard.Core.Pricing;

/// <summary>The outcome of one refresh, for the log and for `switchyard prices refresh`.</summary>
public sealed record RefreshResult(bool Applied, string Source, string? Format, int Mapped, IReadOnlyList<PriceChange> Changes, IReadOnlyList<string> Problems);

/// <summary>
/// Fetches a price feed (URL or file), checks it against the prices in force, and applies it
/// atomically only when it passes (see <see cref="PriceRefreshRules"/>); a good refresh is also
/// saved as the last good table. A failed refresh changes nothing.
/// </summary>
public sealed class PriceRefresher(PriceBook book, ModelCatalog catalog, LastGoodPriceStore store, HttpClient http, TimeProvider time)
{
    private const long MaxFeedBytes = 64L * 1024 * 1024;

    /// <summary>Applies the stored last good table, if any; returns how many prices it holds.</summary>
    public int LoadLastGood()
    {
        if (store.Load(catalog) is not { } stored) return 0;
        book.Swap(stored);
        return stored.Prices.Count;
    }

    public async Task<RefreshResult> RefreshAsync(string from, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await ReadAsync(from, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or UnauthorizedAccessException or InvalidDataException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Refused(from, null, 0, $"could not read the feed: {ex.Message}");
        }

        PriceFeed feed;
        try
        {
            feed = PriceFeedParser.Parse(json, catalog);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return Refused(from, null, 0, $"the feed is not a price feed: {ex.Message}");
        }

        ModelPricing? Current(string id) => catalog.Find(id) is { } m ? book.For(m) : null;
        var problems = PriceRefreshRules.Check(feed, Current, book.Live.Prices.Count);
        if (problems.Count > 0) return new RefreshResult(false, from, feed.Format, feed.Prices.Count, [], problems);

        var changes = PriceRefreshRules.Changes(feed, Current);
        var live = new LivePrices(feed.Prices.ToFrozenDictionary(StringComparer.Ordinal), from, time.GetUtcNow());
        book.Swap(live);
        store.Save(live);
        return new RefreshResult(true, from, feed.Format, feed.Prices.Count, changes, feed.Problems);
    }

    private async Task<string> ReadAsync(string from, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(from, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            if (response.Content.Headers.ContentLength > MaxFeedBytes) throw new InvalidDataException($"the feed is larger than {MaxFeedBytes} bytes");
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        if (new FileInfo(from).Length > MaxFeedBytes) throw new InvalidDataException($"the feed is larger than {MaxFeedBytes} bytes");
        return await File.ReadAllTextAsync(from, cancellationToken).ConfigureAwait(false);
    }

    private static RefreshResult Refused(string from, string? format, int mapped, string problem) =>
        new(false, from, format, mapped, [], [problem]);
}
