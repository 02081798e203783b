using Switchyard.Cli.Bench;

namespace Switchyard.Server.Tests.Cli;

public class RuntimeCountersTests
{
    [Fact]
    public void Reads_allocation_pause_and_collections_summed_over_generations()
    {
        var counters = RuntimeCounters.Parse("""
            # HELP dotnet_gc_heap_total_allocated_bytes_total The approximate number of bytes allocated on the managed GC heap.
            # TYPE dotnet_gc_heap_total_allocated_bytes_total counter
            dotnet_gc_heap_total_allocated_bytes_total 16175976
            dotnet_gc_heap_total_allocated_bytes_total_other 5
            dotnet_gc_collections_total{gc_heap_generation="gen0"} 12
            dotnet_gc_collections_total{gc_heap_generation="gen1"} 3
            dotnet_gc_collections_total{gc_heap_generation="gen2"} 1
            dotnet_gc_pause_time_seconds_total 0.003744
            switchyard_requests_total{status="200"} 9
            """);
        Assert.Equal(new RuntimeCounters(16175976, 0.003744, 16), counters);
    }

    [Fact]
    public void A_target_without_the_runtime_counters_gives_none()
    {
        Assert.Null(RuntimeCounters.Parse("switchyard_requests_total 3\n"));
        Assert.Null(RuntimeCounters.Parse(""));
    }

    [Fact]
    public void The_metrics_url_is_the_server_root_beside_the_chat_url()
    {
        Assert.Equal(new Uri("http://127.0.0.1:8400/metrics"), RuntimeCounters.MetricsUrl(new Uri("http://127.0.0.1:8400/v1/chat/completions")));
    }
}
