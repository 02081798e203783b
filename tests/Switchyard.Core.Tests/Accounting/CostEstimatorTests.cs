using Switchyard.Core.Accounting;
using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;
using Switchyard.Core.Pricing;
using Switchyard.Core.Runtime;
using Switchyard.Core.Tokens;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Tests.Accounting;

public class CostEstimatorTests
{
    private static Deployment Deployment(string tokenizer, decimal input, decimal output, int maxOutput = 16_384) =>
        new("p/m", "m", new ProviderEndpoint("p", "openai", new Uri("http://127.0.0.1:1/v1"), null, new Dictionary<string, string>()), "m",
            new CatalogModel("m", "x", [], new ModelPricing(input, output), 128_000, maxOutput, ModelCapabilities.None,
                new HashSet<string>(), tokenizer, 3, new Dictionary<TaskClass, TaskTier>()),
            null, false);

    private static ChatRequest Request(int? maxTokens = null) => new()
    {
        Model = "m",
        MaxTokens = maxTokens,
        Messages = [new ChatMessage { Role = "user", Content = MessageContent.FromText("How many tokens is this sentence, exactly?") }],
    };

    [Fact]
    public void Prices_exact_prompt_tokens_plus_the_expected_output()
    {
        var request = Request();
        var estimate = new CostEstimator(request, new PriceBook(), expectedOutputTokens: 500).For(Deployment("o200k_base", 1m, 2m));
        var prompt = ChatTokenCounter.For("o200k_base").CountPrompt(request);
        Assert.Equal(prompt, estimate.PromptTokens);
        Assert.Equal(500, estimate.OutputTokens);
        Assert.Equal((prompt * 1m + 500 * 2m) / 1_000_000m, estimate.Cost);
    }

    [Fact]
    public void The_clients_max_tokens_replaces_the_expectation_but_not_beyond_the_models_limit()
    {
        var estimator = new CostEstimator(Request(maxTokens: 3000), new PriceBook(), 500);
        Assert.Equal(3000, estimator.For(Deployment("o200k_base", 1m, 1m)).OutputTokens);
        Assert.Equal(1000, estimator.For(Deployment("o200k_base", 1m, 1m, maxOutput: 1000)).OutputTokens);
    }

    [Fact]
    public void Models_without_a_public_tokenizer_use_the_estimate_and_counts_are_cached_per_tokenizer()
    {
        var request = Request();
        var estimator = new CostEstimator(request, new PriceBook(), 500);
        Assert.Equal(ChatTokenCounter.For("estimate").CountPrompt(request), estimator.For(Deployment("estimate", 1m, 1m)).PromptTokens);
        Assert.Equal(estimator.PromptTokens("estimate"), estimator.PromptTokens("a-tokenizer-nobody-knows")); // falls back to the estimate
    }
}
