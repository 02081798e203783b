using System.Text.Json.Nodes;

namespace Switchyard.Simulator.Tests.Support;

internal static class HttpExtensions
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Sends and reads the whole body as text.</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> SendForTextAsync(this HttpClient http, HttpRequestMessage request)
    {
        var response = await http.SendAsync(request, Ct);
        return (response, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>Sends, expects a success, and parses the body as JSON.</summary>
    public static async Task<JsonNode> SendForJsonAsync(this HttpClient http, HttpRequestMessage request)
    {
        var (response, body) = await http.SendForTextAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
