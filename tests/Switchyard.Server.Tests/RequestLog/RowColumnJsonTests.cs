using System.Text.Json;
using Switchyard.Core.Catalog;
using Switchyard.Core.Execution;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;
using Switchyard.Server.RequestLog;
using Switchyard.Storage;
using Switchyard.Storage.Rows;

namespace Switchyard.Server.Tests.RequestLog;

/// <summary>The plan and attempts columns must read exactly as the serializer wrote them before (readers parse them).</summary>
public sealed class RowColumnJsonTests
{
    private static readonly CatalogModel Model = CatalogLoader.LoadBuiltin().Find("gpt-4o-mini")!;

    private static readonly string[] Ids =
        ["openai/gpt-4o-mini", "groq/llama-3.1-8b", "caf\u00e9/\u6a21\u578b", "a\"quote\\and<html>&'", "line\nbreak", "", new string('x', 3000)];

    private static readonly string[] Outcomes = ["ok", "Timeout", "ServerError", "RateLimited", "Connection"];

    [Fact]
    public void Plans_and_attempts_are_written_as_the_serializer_writes_them()
    {
        var random = new Random(11);
        for (var i = 0; i < 2000; i++)
        {
            var plan = Enumerable.Range(0, random.Next(0, 6)).Select(_ => Deployment(Ids[random.Next(Ids.Length)])).ToList();
            var attempts = Enumerable.Range(0, random.Next(1, 5)).Select(_ => new AttemptRecord(
                Ids[random.Next(Ids.Length)], Outcomes[random.Next(Outcomes.Length)],
                random.Next(3) == 0 ? null : random.Next(200, 600),
                TimeSpan.FromTicks(random.NextInt64(0, 600_000_000)), Error: null)).ToList();

            Assert.Equal(JsonSerializer.Serialize(plan.Select(d => d.Id).ToList(), StorageJson.Default.ListString), RowColumnJson.Plan(plan));
            Assert.Equal(JsonSerializer.Serialize(attempts.Select(a => new AttemptEntry(a.DeploymentId, a.Outcome, a.Status,
                    Math.Round(a.Elapsed.TotalMilliseconds, 1), a.Outcome == "ok" ? null : a.Outcome)).ToList(), StorageJson.Default.ListAttemptEntry),
                RowColumnJson.Attempts(attempts));
        }
    }

    [Fact]
    public void A_column_after_a_huge_one_is_written_whole_and_alone()
    {
        var huge = Enumerable.Range(0, 40).Select(i => Deployment(new string((char)('a' + i % 26), 1000))).ToList();

        Assert.Equal("[\"one\"]", RowColumnJson.Plan([Deployment("one")]));
        Assert.Equal(40 * 1003 + 1, RowColumnJson.Plan(huge).Length);
        Assert.Equal("[\"two\"]", RowColumnJson.Plan([Deployment("two")]));
    }

    private static Deployment Deployment(string id) =>
        new(id, "gpt-4o-mini", new ProviderEndpoint("p", "openai", new Uri("http://127.0.0.1:9/"), null, new Dictionary<string, string>()),
            "gpt-4o-mini", Model, null, false);
}
