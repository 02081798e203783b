using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Health;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;

namespace Switchyard.Server.Health;

public static class HealthCheckRegistrations
{
    /// <summary>The active health checks: probes over the pooled upstream HttpClient, reporting to the registered <see cref="IHealthRegistry"/>.</summary>
    public static IServiceCollection AddActiveHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<ProbeLog>();
        services.AddSingleton(sp => new DeploymentProber(
            new ModelListProbe(sp.GetRequiredService<HttpClient>()),
            new GenerativeProbe(sp.GetRequiredService<ProviderAdapterRegistry>()),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ActiveHealthChecks(
            sp.GetRequiredService<SnapshotHolder>(), sp.GetRequiredService<DeploymentProber>(), sp.GetRequiredService<ProbeLog>(),
            sp.GetRequiredService<IHealthRegistry>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ActiveHealthChecks>>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ActiveHealthChecks>());
        return services;
    }
}
