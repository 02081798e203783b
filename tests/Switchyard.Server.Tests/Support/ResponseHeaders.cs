using System.ClientModel;

namespace Switchyard.Server.Tests.Support;

public static class ResponseHeaders
{
    public static string? Get(ClientResult result, string name) =>
        result.GetRawResponse().Headers.TryGetValue(name, out var value) ? value : null;

    public static string? Get(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()
        : response.Content.Headers.TryGetValues(name, out var content) ? content.FirstOrDefault() : null;
}
