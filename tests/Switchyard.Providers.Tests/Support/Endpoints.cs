using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Tests.Support;

public static class Endpoints
{
    public static ProviderEndpoint Of(string kind, string baseUrl, string key = "test-key-123456") =>
        new($"{kind}-test", kind, new Uri(baseUrl), key, new Dictionary<string, string>());
}
