using System.Collections.Concurrent;
using Switchyard.Server.Http;
using Switchyard.Server.Tests.Health;

namespace Switchyard.Server.Tests.Http;

public class RequestIdGeneratorTests
{
    [Fact]
    public void Ids_made_in_the_same_millisecond_still_increase_and_never_repeat()
    {
        var time = new FakeTime(new DateTimeOffset(2026, 12, 5, 4, 0, 0, TimeSpan.Zero));
        var ids = new RequestIdGenerator(time);

        var made = Enumerable.Range(0, 5000).Select(_ => ids.Next()).ToList();

        Assert.Equal(made, made.Order(StringComparer.Ordinal));
        Assert.Equal(made.Count, made.Distinct().Count());
        Assert.All(made, id => Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), TimeOf(id)));
    }

    [Fact]
    public void Every_id_is_a_version_7_uuid_with_the_rfc_variant()
    {
        var ids = new RequestIdGenerator(new FakeTime());
        for (var i = 0; i < 1000; i++)
        {
            var id = ids.Next();
            Assert.Matches("^req_[0-9a-f]{32}$", id);
            var uuid = Guid.ParseExact(id[4..], "N");
            Assert.Equal(7, uuid.Version);
            Assert.Contains(id[4 + 16], "89ab"); // variant 10xx: the 17th hex digit is 8, 9, a or b
        }
    }

    [Fact]
    public void A_clock_that_steps_back_does_not_make_an_id_sort_before_the_last_one()
    {
        var time = new FakeTime(new DateTimeOffset(2026, 12, 5, 4, 0, 0, TimeSpan.Zero));
        var ids = new RequestIdGenerator(time);
        var before = ids.Next();

        time.Advance(TimeSpan.FromSeconds(-2)); // an NTP correction
        var after = ids.Next();

        Assert.True(string.CompareOrdinal(after, before) > 0, $"{after} should sort after {before}");
        Assert.Equal(TimeOf(before), TimeOf(after)); // the last millisecond is kept until the clock passes it
    }

    [Fact]
    public void A_new_millisecond_starts_from_a_random_counter_so_two_gateways_do_not_make_the_same_ids()
    {
        var time = new FakeTime(new DateTimeOffset(2026, 12, 5, 4, 0, 0, TimeSpan.Zero));
        var first = new RequestIdGenerator(time);
        var second = new RequestIdGenerator(time);

        var fromFirst = Enumerable.Range(0, 100).Select(_ => first.Next()).ToList();
        var fromSecond = Enumerable.Range(0, 100).Select(_ => second.Next()).ToList();

        Assert.Empty(fromFirst.Intersect(fromSecond));
        // Same millisecond, yet the counters (the 11 hex digits after the version, less the variant) start apart.
        Assert.NotEqual(fromFirst[0][17..28], fromSecond[0][17..28]);
    }

    [Fact]
    public async Task Ids_made_on_many_threads_at_once_are_all_distinct()
    {
        var ids = new RequestIdGenerator(TimeProvider.System);
        var made = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++) made.Add(ids.Next());
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(16_000, made.Distinct().Count());
    }

    private static long TimeOf(string id) => Convert.ToInt64(id.Substring(4, 12), 16);
}
