using System.Net;
using System.Text;
using Switchyard.Server.Config;
using Switchyard.Server.Tests.Health;
using static Switchyard.Server.Tests.Keys.KeyTestGateway;

namespace Switchyard.Server.Tests.Keys;

/// <summary>Rate limits on fake time, runtime weight and model changes that survive a restart, and config file reloads.</summary>
public class RuntimeChangeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Over_the_rate_limit_a_key_gets_429_with_retry_after_and_openai_headers_until_time_passes()
    {
        var time = new FakeTime();
        await using var g = await StartAsync(time: time);
        var (_, key) = await g.CreateKeyAsync("""{"project":"shop","rpm":2,"tpm":100000}""");
        using (var first = await ChatAsync(g.Http, key))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("2", first.Headers.GetValues("x-ratelimit-limit-requests").Single());
            Assert.Equal("1", first.Headers.GetValues("x-ratelimit-remaining-requests").Single());
            Assert.Equal("30s", first.Headers.GetValues("x-ratelimit-reset-requests").Single());
            Assert.Equal("100000", first.Headers.GetValues("x-ratelimit-limit-tokens").Single());
            Assert.True(long.Parse(first.Headers.GetValues("x-ratelimit-remaining-tokens").Single()) < 100000);
        }
        using (var second = await ChatAsync(g.Http, key)) Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using (var third = await ChatAsync(g.Http, key))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
            Assert.Equal("rate_limit_exceeded", await ErrorCodeAsync(third));
            Assert.Equal(TimeSpan.FromSeconds(30), third.Headers.RetryAfter?.Delta);
            Assert.Equal("0", third.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        }
        time.Advance(TimeSpan.FromSeconds(30));
        using var later = await ChatAsync(g.Http, key);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task A_weight_change_shows_in_the_next_decisions_and_after_a_restart_and_a_disabled_model_is_skipped()
    {
        var dir = NewDataDir();
        try
        {
            await using (var g = await StartAsync(Yaml(dir), dir))
            {
                Assert.Equal("gpt-4.1-mini", await AnsweredByAsync(g)); // config: mini 1, gpt-4.1 0
                using (var set = await g.Admin.PatchAsync("/admin/v1/routes/split/weights", new StringContent("""{"gpt-4.1":1,"gpt-4.1-mini":0}"""), Ct))
                    Assert.Equal(HttpStatusCode.OK, set.StatusCode);
                for (var i = 0; i < 5; i++) Assert.Equal("gpt-4.1", await AnsweredByAsync(g));

                using (var bad = await g.Admin.PatchAsync("/admin/v1/routes/split/weights", new StringContent("""{"claude":1}"""), Ct))
                    Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
                using (var disable = await g.Admin.PostAsync("/admin/v1/models/gpt-4.1/disable", null, Ct))
                    Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
                Assert.Equal("gpt-4.1-mini", await AnsweredByAsync(g)); // the heavier model is out of every route
                using var direct = await ChatAsync(g.Http, null, "gpt-4.1");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, direct.StatusCode);
                Assert.Equal("model_disabled", await ErrorCodeAsync(direct));
                using var enable = await g.Admin.PostAsync("/admin/v1/models/gpt-4.1/enable", null, Ct);
            }
            await using (var restarted = await StartAsync(Yaml(dir), dir)) // same store, same config file
            {
                for (var i = 0; i < 5; i++) Assert.Equal("gpt-4.1", await AnsweredByAsync(restarted));
                using var routes = await restarted.Admin.GetAsync("/admin/v1/routes", Ct);
                Assert.Contains("\"weights_overridden\": true", await routes.Content.ReadAsStringAsync(Ct));
                using (var clear = await restarted.Admin.DeleteAsync("/admin/v1/routes/split/weights", Ct)) Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
                Assert.Equal("gpt-4.1-mini", await AnsweredByAsync(restarted));
            }
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task The_config_file_reloads_on_change_and_a_bad_file_is_refused_while_the_running_one_stays()
    {
        var (dir, file, yaml) = await WriteConfigFileAsync();
        await using var g = await StartAsync(yaml, dir, configSource: file, keepDir: true);
        var reload = (ConfigReloadService)g.Gateway.Services.GetService(typeof(ConfigReloadService))!;
        Assert.Equal(Path.GetFullPath(file), reload.FilePath);

        // A good change: a new model appears without a restart.
        await File.WriteAllTextAsync(file, WithGpt4oMini(yaml), Ct);
        await WaitForAsync(() => reload.Applied >= 1);
        using (var models = await g.Http.GetAsync("/v1/models", Ct)) Assert.Contains("gpt-4o-mini", await models.Content.ReadAsStringAsync(Ct));

        // A bad one: refused, logged, and the running config (with gpt-4o-mini) keeps serving.
        await File.WriteAllTextAsync(file, yaml.Replace("policy: weighted", "policy: no-such-policy"), Ct);
        await WaitForAsync(() => reload.Refused >= 1);
        using (var still = await ChatAsync(g.Http, null, "gpt-4o-mini")) Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Without_a_file_watcher_the_poll_still_finds_a_changed_config_file()
    {
        var (dir, file, yaml) = await WriteConfigFileAsync();
        ConfigReloadService.UseFileWatcher = false; // as when inotify's instance limit is reached (other tests then poll too, and still pass)
        try
        {
            await using var g = await StartAsync(yaml, dir, configSource: file, keepDir: true);
            var reload = (ConfigReloadService)g.Gateway.Services.GetService(typeof(ConfigReloadService))!;
            await File.WriteAllTextAsync(file, WithGpt4oMini(yaml), Ct);
            await WaitForAsync(() => reload.Applied >= 1);
            using var models = await g.Http.GetAsync("/v1/models", Ct);
            Assert.Contains("gpt-4o-mini", await models.Content.ReadAsStringAsync(Ct));
        }
        finally
        {
            ConfigReloadService.UseFileWatcher = true;
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task A_config_behind_a_swapped_symbolic_link_reloads_as_a_kubernetes_configmap_update_does()
    {
        var dir = NewDataDir();
        var first = Directory.CreateDirectory(Path.Combine(dir, "v1")).FullName;
        var second = Directory.CreateDirectory(Path.Combine(dir, "v2")).FullName;
        var yaml = Yaml(dir);
        await File.WriteAllTextAsync(Path.Combine(first, "switchyard.yaml"), yaml, Ct);
        await File.WriteAllTextAsync(Path.Combine(second, "switchyard.yaml"), WithGpt4oMini(yaml), Ct);
        // As a ConfigMap mount: switchyard.yaml -> ..data/switchyard.yaml, and ..data -> the current version's folder.
        var data = Path.Combine(dir, "..data");
        Directory.CreateSymbolicLink(data, first);
        var file = Path.Combine(dir, "switchyard.yaml");
        File.CreateSymbolicLink(file, Path.Combine("..data", "switchyard.yaml"));
        ConfigReloadService.UseFileWatcher = false; // the swap is found by the poll, which must follow the links
        try
        {
            await using var g = await StartAsync(yaml, dir, configSource: file, keepDir: true);
            var reload = (ConfigReloadService)g.Gateway.Services.GetService(typeof(ConfigReloadService))!;
            Directory.Delete(data); // the link only, not the folder it points at
            Directory.CreateSymbolicLink(data, second);
            await WaitForAsync(() => reload.Applied >= 1);
            using var models = await g.Http.GetAsync("/v1/models", Ct);
            Assert.Contains("gpt-4o-mini", await models.Content.ReadAsStringAsync(Ct));
        }
        finally
        {
            ConfigReloadService.UseFileWatcher = true;
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    /// <summary>A data folder holding the test config as switchyard.yaml.</summary>
    private static async Task<(string Dir, string File, string Yaml)> WriteConfigFileAsync()
    {
        var dir = NewDataDir();
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "switchyard.yaml");
        var yaml = Yaml(dir);
        await File.WriteAllTextAsync(file, yaml, Ct);
        return (dir, file, yaml);
    }

    /// <summary>The config with a new model, gpt-4o-mini, a reload must make appear.</summary>
    private static string WithGpt4oMini(string yaml) => yaml.Replace("\nroutes:",
        "\n  gpt-4o-mini:\n    deployments: [{ provider: sim, input_price_per_million: 0.15, output_price_per_million: 0.60 }]\nroutes:");

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30); // generous: file watching is slow on a loaded machine
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "the reload never happened");
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<string> AnsweredByAsync(KeyTestGateway g)
    {
        using var response = await ChatAsync(g.Http, null, "split");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("x-switchyard-model").Single();
    }
}
