using System.Globalization;
using System.Net;
using static Switchyard.Server.Tests.Keys.KeyTestGateway;

namespace Switchyard.Server.Tests.Keys;

/// <summary>
/// Budgets through real gateways over the simulator: 50 concurrent requests against a tiny daily
/// budget, and two replicas sharing one PostgreSQL. Spend is what the gateway charged (the
/// x-switchyard-cost-usd of every answer); the bound is the README's: the budget plus what the
/// requests in flight could cost beyond their reservations (here: at most their whole cost).
/// </summary>
public class BudgetEnforcementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(decimal Cost, HttpStatusCode Status, string? Code, string? Warning)> CallAsync(HttpClient http, string key)
    {
        using var response = await ChatAsync(http, key, "gpt-4.1", ""","max_tokens":50""");
        var cost = response.Headers.TryGetValues("x-switchyard-cost-usd", out var v) ? decimal.Parse(v.Single(), CultureInfo.InvariantCulture) : 0m;
        var warning = response.Headers.TryGetValues("x-switchyard-budget-warning", out var w) ? w.Single() : null;
        var code = response.IsSuccessStatusCode ? null : await ErrorCodeAsync(response);
        return (cost, response.StatusCode, code, warning);
    }

    [Fact]
    public async Task Fifty_concurrent_requests_stay_within_a_tiny_daily_budget_plus_the_reservations_in_flight()
    {
        var dir = NewDataDir();
        await using var g = await StartAsync(Yaml(dir, "auth: { budget_warning_percent: 50 }"), dir);
        const decimal budget = 0.002m;
        var (_, key) = await g.CreateKeyAsync($$"""{"project":"shop","budget_daily_usd":{{budget.ToString(CultureInfo.InvariantCulture)}}}""");
        // 50 clients at once, each sending 8 requests one after another: 400 calls against a budget of about 5.
        var results = (await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            var mine = new List<(decimal Cost, HttpStatusCode Status, string? Code, string? Warning)>();
            for (var i = 0; i < 8; i++) mine.Add(await CallAsync(g.Http, key));
            return mine;
        }))).SelectMany(r => r).ToList();
        var spent = results.Sum(r => r.Cost);
        var answered = results.Where(r => r.Status == HttpStatusCode.OK).ToList();
        var refused = results.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(results.Count, answered.Count + refused.Count);
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal("insufficient_quota", r.Code));
        // Each request reserves its estimate (prompt + max_tokens at gpt-4.1's price) before the call and
        // the exact cost replaces it after: with max_tokens set, the estimate covers each call, so the
        // answers add up to no more than the budget (without max_tokens: plus what the requests in
        // flight cost beyond their estimates).
        Assert.True(spent <= budget, $"spent {spent} of {budget}");
        Assert.Contains(answered, r => r.Warning?.Contains("daily budget", StringComparison.Ordinal) == true); // past 50 %

        // A client whose calls were all refused while others held reservations may leave a little
        // unspent: reservations settle below their estimates. Calls one at a time, with nothing in
        // flight, use that up and then are refused for good, still within the budget.
        var perRequest = answered.Max(r => r.Cost);
        var later = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            var call = await CallAsync(g.Http, key);
            later.Add(call.Status);
            spent += call.Cost;
            if (call.Status != HttpStatusCode.OK) { Assert.Equal("insufficient_quota", call.Code); break; }
        }
        Assert.True(later[^1] == HttpStatusCode.TooManyRequests, $"never refused again: {string.Join(", ", later)}; spent {spent} of {budget}");
        Assert.True(spent <= budget, $"spent {spent} of {budget} after {later.Count} more calls");
        Assert.True(spent >= budget - 3 * perRequest * 4, $"only {spent} of {budget} was used: the budget was not used up");
        var again = await CallAsync(g.Http, key);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.Status);
    }

    [Fact]
    public async Task A_project_budget_is_shared_by_its_keys()
    {
        await using var g = await StartAsync();
        using (var patch = await g.Admin.PatchAsync("/admin/v1/projects/team", new StringContent("""{"budget_total_usd":0.001}"""), Ct))
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var (_, a) = await g.CreateKeyAsync("""{"project":"team"}""");
        var (_, b) = await g.CreateKeyAsync("""{"project":"team"}""");
        decimal spent = 0;
        for (var i = 0; i < 20; i++) spent += (await CallAsync(g.Http, i % 2 == 0 ? a : b)).Cost;
        Assert.True(spent is > 0 and <= 0.001m, $"spent {spent}");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CallAsync(g.Http, b)).Status);
    }

    // Reported as skipped, never as passed: the bound is not met yet (two replicas spent 0.00696 of a
    // 0.003 budget in the last run). Issue 7 stays open until this passes.
    [Fact]
    public async Task Two_replicas_sharing_one_postgres_enforce_one_budget_and_a_revocation_reaches_the_other_within_a_second()
    {
        var connectionString = await KeyTestPostgres.FreshSchemaAsync();
        // require_keys: a replica that has not yet loaded the first key must not serve it as an anonymous request.
        var extra = $"auth: {{ postgres: \"env:KEYS_PG\", require_keys: true }}";
        var env = new Dictionary<string, string> { ["KEYS_PG"] = connectionString };
        var dirA = NewDataDir();
        var dirB = NewDataDir();
        await using var a = await StartAsync(Yaml(dirA, extra), dirA, environment: env);
        await using var b = await StartAsync(Yaml(dirB, extra), dirB, environment: env);

        const decimal budget = 0.003m;
        var (id, key) = await a.CreateKeyAsync($$"""{"project":"shop","budget_daily_usd":{{budget.ToString(CultureInfo.InvariantCulture)}}}""");
        await WaitUntilAsync(async () => (await b.Admin.GetAsync($"/admin/v1/keys/{id}", Ct)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(2));

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => CallAsync(i % 2 == 0 ? a.Http : b.Http, key)));
        var spent = results.Sum(r => r.Cost);
        Assert.Contains(results, r => r.Status == HttpStatusCode.TooManyRequests);
        Assert.True(spent <= budget, $"two replicas spent {spent} of one budget of {budget}");

        // Revoked through A: refused there at once, and by B within one sync round (0.5 s by default): the promise is 1 s,
        // timed from before the revocation was sent.
        var started = DateTime.UtcNow;
        using (var revoke = await a.Admin.DeleteAsync($"/admin/v1/keys/{id}", Ct)) Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using (var onA = await ChatAsync(a.Http, key, "gpt-4.1-mini")) Assert.Equal(HttpStatusCode.Unauthorized, onA.StatusCode);
        await WaitUntilAsync(async () =>
        {
            using var onB = await ChatAsync(b.Http, key, "gpt-4.1-mini");
            return onB.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(3));
        var took = DateTime.UtcNow - started;
        TestContext.Current.TestOutputHelper?.WriteLine($"revocation reached replica B after {took.TotalMilliseconds:0} ms");
        Assert.True(took < TimeSpan.FromSeconds(1), $"B took {took.TotalMilliseconds:0} ms");
        try { Directory.Delete(dirA, true); Directory.Delete(dirB, true); } catch (IOException) { }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition never held");
            await Task.Delay(20, Ct);
        }
    }
}
