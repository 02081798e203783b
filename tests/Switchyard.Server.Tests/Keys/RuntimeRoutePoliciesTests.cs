using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Core.Catalog;
using Switchyard.Core.Config;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Runtime;
using Switchyard.Server.Keys;

namespace Switchyard.Server.Tests.Keys;

/// <summary>
/// How stored route policy changes meet the config file: applied over it by swapping the snapshot,
/// re-applied over a reloaded file, skipped (the file's policy serving) while they no longer fit it,
/// and the PATCH body's merge rules.
/// </summary>
public class RuntimeRoutePoliciesTests
{
    private static GatewaySnapshot Snapshot(string models) =>
        new ConfigValidator(_ => null, null, new ModelCatalog([], [])).Validate(ConfigLoader.Parse($$"""
            providers:
              p: { kind: openai, base_url: "http://127.0.0.1:1/v1", api_key: x }
            models:
              a: { deployments: [{ provider: p, input_price_per_million: 1, output_price_per_million: 1 }] }
              b: { deployments: [{ provider: p, input_price_per_million: 2, output_price_per_million: 2 }] }
            routes:
              r: { models: [{{models}}], policy: fixed }
            """, "test.yaml"), "test.yaml");

    private const string AllOnB = """{"policy":"weighted","params":{"weights":{"a":"0","b":"1"}}}""";

    [Fact]
    public void A_stored_change_is_swapped_in_re_applied_over_a_reloaded_file_and_skipped_while_it_does_not_fit()
    {
        var file = Snapshot("a, b");
        var holder = new SnapshotHolder(file);
        var policies = new RuntimeRoutePolicies(holder, NullLogger<RuntimeRoutePolicies>.Instance);

        policies.Replace([("r", AllOnB)]);
        Assert.IsType<WeightedPolicy>(holder.Current.Routes["r"].Policy);
        Assert.Same(file.Routes["a"], holder.Current.Routes["a"]); // everything else is the file's
        Assert.Equal(file.Resilience, holder.Current.Resilience);

        policies.ConfigChanged(Snapshot("a")); // b left the route: its weight no longer fits
        Assert.IsType<FixedPolicy>(holder.Current.Routes["r"].Policy);
        Assert.Equal(["a"], holder.Current.Routes["r"].Deployments.Select(d => d.ModelName));

        policies.ConfigChanged(Snapshot("a, b")); // back: the stored change applies again
        Assert.IsType<WeightedPolicy>(holder.Current.Routes["r"].Policy);

        policies.Replace([]); // cleared: the file's snapshot itself
        Assert.IsType<FixedPolicy>(holder.Current.Routes["r"].Policy);
    }

    [Fact]
    public void Build_validates_like_the_file_and_names_the_path()
    {
        var policies = new RuntimeRoutePolicies(new SnapshotHolder(Snapshot("a, b")), NullLogger<RuntimeRoutePolicies>.Instance);
        var problems = new List<string>();
        var spec = RoutePolicySpec.FromJson("""{"policy":"weighted","params":{"weights":{"c":"1"}}}""")!;
        Assert.Null(policies.Build("r", spec, problems));
        Assert.Equal(["routes.r.params.weights.c: not a model of this route"], problems);
        problems.Clear();
        Assert.Null(policies.Build("a", spec, problems)); // a model, not a route of the file
        Assert.Equal(["routes.a: not a route of the config file"], problems);
    }

    [Fact]
    public void The_patch_merges_params_resets_them_with_another_policy_and_null_removes()
    {
        var current = RoutePolicySpec.FromJson("""{"policy":"cheapest-capable","params":{"min_tier":"3","escalate_by":"1"},"split":{"percent":10,"policy":"fixed","params":null,"by":"session"}}""")!;
        static JsonElement Body(string json) => JsonDocument.Parse(json).RootElement;

        var merged = RoutePolicyChange.Apply(current, Body("""{"params":{"min_tier":4,"escalate_by":null},"split":{"percent":30}}"""));
        Assert.Equal("cheapest-capable", merged.Policy);
        Assert.Equal("""{"min_tier":"4"}""", merged.Params!.ToJsonString()); // as YAML gives scalars
        Assert.Equal(new RouteSplitSpec(30, "fixed", null, "session"), merged.Split);

        var other = RoutePolicyChange.Apply(current, Body("""{"policy":"lowest-latency","split":null}"""));
        Assert.Equal("lowest-latency", other.Policy);
        Assert.Null(other.Params); // cheapest-capable's params would not fit lowest-latency
        Assert.Null(other.Split);

        Assert.Equal(current.ToJson(), RoutePolicySpec.FromJson(current.ToJson())!.ToJson()); // the stored form reads back
    }
}
