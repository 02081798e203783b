using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;
using Switchyard.Core.Execution;
using Switchyard.Core.Pricing;

namespace Switchyard.Cli.Demo;

/// <summary>
/// Sends demo prompts through a gateway's route as an ordinary OpenAI-style client would, and reads
/// what the gateway says about each answer: the model (x-switchyard-model), its cost
/// (x-switchyard-cost-usd) and the gateway's own baseline (x-switchyard-baseline-cost-usd). The
/// usage in the body is priced again at the demo's baseline model.
/// </summary>
public sealed class DemoClient(HttpClient http, string route, CatalogModel baseline, PriceBook prices)
{
    public async Task<DemoResult> SendAsync(DemoPrompt prompt, CancellationToken cancellationToken)
    {
        var request = new ChatRequest
        {
            Model = route,
            Messages = [new ChatMessage { Role = "user", Content = MessageContent.FromText(prompt.Prompt) }],
        };
        using var content = new StringContent(JsonSerializer.Serialize(request, ChatJsonContext.Default.ChatRequest), Encoding.UTF8, "application/json");
        try
        {
            using var response = await http.PostAsync("v1/chat/completions", content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                return Failed(prompt, $"{(int)response.StatusCode}: {ErrorMessage(body)}");
            var completion = JsonSerializer.Deserialize(body, ChatJsonContext.Default.ChatCompletion);
            var cost = Usd(response.Headers, "x-switchyard-cost-usd") ?? 0m;
            var gatewayBaseline = Usd(response.Headers, "x-switchyard-baseline-cost-usd");
            // Without usage in the body (an upstream that reports none) the gateway's baseline is the best figure left.
            var baselineCost = completion?.Usage is { } usage ? CostCalculator.Cost(prices.For(baseline), usage) : gatewayBaseline ?? cost;
            return new DemoResult(prompt.Task, Header(response.Headers, "x-switchyard-model") ?? completion?.Model, cost, baselineCost, gatewayBaseline,
                Header(response.Headers, "x-switchyard-simulated") == "true", null);
        }
        catch (HttpRequestException ex)
        {
            return Failed(prompt, ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(prompt, $"no answer within {http.Timeout.TotalSeconds:0} s");
        }
        catch (JsonException)
        {
            return Failed(prompt, "the answer was not an OpenAI chat completion");
        }
    }

    private static DemoResult Failed(DemoPrompt prompt, string error) => new(prompt.Task, null, 0m, 0m, null, false, error);

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static decimal? Usd(HttpResponseHeaders headers, string name) =>
        decimal.TryParse(Header(headers, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string ErrorMessage(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message))
                return message.GetString() ?? body;
        }
        catch (JsonException) { }
        return body.Length > 200 ? body[..200] : body;
    }
}
