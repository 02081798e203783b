using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.Gemini;
using Switchyard.Providers.OpenAI;

namespace Switchyard.Server.Hosting;

/// <summary>One line per wire format: adding a provider is its folder plus a line here.</summary>
public static class AdapterRegistrations
{
    public static IServiceCollection AddProviderAdapters(this IServiceCollection services)
    {
        // A plain invoker over the pooled upstream handler (UpstreamHttp says why not an HttpClient).
        services.AddSingleton<IProviderAdapter>(sp => new OpenAIAdapter(sp.GetRequiredService<HttpMessageInvoker>()));
        services.AddSingleton<IProviderAdapter>(sp => new AnthropicAdapter(sp.GetRequiredService<HttpMessageInvoker>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IProviderAdapter>(sp => new GeminiAdapter(sp.GetRequiredService<HttpMessageInvoker>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ProviderAdapterRegistry>();
        return services;
    }
}
