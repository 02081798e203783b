using System.Text.Json;
using Switchyard.Core.Gateway;
using Switchyard.Core.Routing.Controls;

namespace Switchyard.Core.Tests.Routing.Engine;

/// <summary>The body field "switchyard" and the x-switchyard-* headers; the body wins; wrong types are 400s naming the field.</summary>
public class RequestControlsParserTests
{
    private static readonly Func<string, string?> NoHeaders = _ => null;

    private static JsonElement Body(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static Func<string, string?> Headers(params (string Name, string Value)[] headers) =>
        name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    [Fact]
    public void Reads_every_body_field()
    {
        var c = RequestControlsParser.Parse(Body("""
            {
              "max_cost_usd": 0.002, "max_latency_ms": 1500, "min_tier": 4,
              "provider": { "order": ["anthropic", "openai"], "only": ["anthropic", "openai", "gemini"], "ignore": ["ollama"] },
              "allow_fallbacks": false, "sort": "Price", "models": ["gpt-4.1", "claude-haiku-4-5"], "tags": ["no-training", "eu-hosted"]
            }
            """), NoHeaders);
        Assert.Equal(0.002m, c.MaxCostUsd);
        Assert.Equal(1500, c.MaxLatencyMs);
        Assert.Equal(4, c.MinTier);
        Assert.Equal(["anthropic", "openai"], c.ProviderOrder);
        Assert.Equal(["anthropic", "openai", "gemini"], c.ProviderOnly);
        Assert.Equal(["ollama"], c.ProviderIgnore);
        Assert.False(c.AllowFallbacks);
        Assert.Equal("price", c.Sort);
        Assert.Equal(["gpt-4.1", "claude-haiku-4-5"], c.FallbackModels);
        Assert.Equal(["no-training", "eu-hosted"], c.RequiredTags);
    }

    [Fact]
    public void Reads_the_provider_objects_own_sort_and_allow_fallbacks_and_the_quality_tier_alias()
    {
        var c = RequestControlsParser.Parse(Body("""{"quality_tier": 2, "provider": {"sort": "latency", "allow_fallbacks": false}}"""), NoHeaders);
        Assert.Equal(2, c.MinTier);
        Assert.Equal("latency", c.Sort);
        Assert.False(c.AllowFallbacks);
    }

    [Fact]
    public void Reads_every_header()
    {
        var c = RequestControlsParser.Parse(null, Headers(
            ("x-switchyard-max-cost-usd", "0.01"), ("x-switchyard-max-latency-ms", "800"), ("x-switchyard-min-tier", "5"),
            ("x-switchyard-provider-order", "gemini, openai"), ("x-switchyard-provider-only", "gemini,openai"),
            ("x-switchyard-provider-ignore", "anthropic"), ("x-switchyard-allow-fallbacks", "false"), ("x-switchyard-sort", "LATENCY"),
            ("x-switchyard-models", "gpt-4.1,claude-haiku-4-5"), ("x-switchyard-tags", "no-training")));
        Assert.Equal(0.01m, c.MaxCostUsd);
        Assert.Equal(800, c.MaxLatencyMs);
        Assert.Equal(5, c.MinTier);
        Assert.Equal(["gemini", "openai"], c.ProviderOrder);
        Assert.Equal(["gemini", "openai"], c.ProviderOnly);
        Assert.Equal(["anthropic"], c.ProviderIgnore);
        Assert.False(c.AllowFallbacks);
        Assert.Equal("latency", c.Sort);
        Assert.Equal(["gpt-4.1", "claude-haiku-4-5"], c.FallbackModels);
        Assert.Equal(["no-training"], c.RequiredTags);
    }

    [Fact]
    public void Nothing_sent_means_the_defaults()
    {
        var c = RequestControlsParser.Parse(null, NoHeaders);
        Assert.Equal(RequestControls.None, c);
        Assert.True(c.AllowFallbacks);
        Assert.Null(c.MaxCostUsd);
        Assert.Equal(RequestControls.None, RequestControlsParser.Parse(Body("null"), NoHeaders));
    }

    [Fact]
    public void The_body_wins_over_the_headers_field_by_field()
    {
        var c = RequestControlsParser.Parse(Body("""{"max_cost_usd": 0.5, "provider": {"order": ["openai"]}}"""),
            Headers(("x-switchyard-max-cost-usd", "1"), ("x-switchyard-provider-order", "anthropic"), ("x-switchyard-min-tier", "4")));
        Assert.Equal(0.5m, c.MaxCostUsd);
        Assert.Equal(["openai"], c.ProviderOrder);
        Assert.Equal(4, c.MinTier); // only in a header: kept
    }

    [Theory]
    [InlineData("""{"max_cost_usd": "0.01"}""", "switchyard.max_cost_usd")]
    [InlineData("""{"max_cost_usd": -1}""", "switchyard.max_cost_usd")]
    [InlineData("""{"max_latency_ms": true}""", "switchyard.max_latency_ms")]
    [InlineData("""{"max_latency_ms": 0}""", "switchyard.max_latency_ms")]
    [InlineData("""{"min_tier": "high"}""", "switchyard.min_tier")]
    [InlineData("""{"min_tier": 9}""", "switchyard.min_tier")]
    [InlineData("""{"min_tier": 0}""", "switchyard.min_tier")]
    [InlineData("""{"min_tier": 2.5}""", "switchyard.min_tier")]
    [InlineData("""{"quality_tier": null}""", "switchyard.quality_tier")]
    [InlineData("""{"provider": ["openai"]}""", "switchyard.provider")]
    [InlineData("""{"provider": {"order": "openai"}}""", "switchyard.provider.order")]
    [InlineData("""{"provider": {"only": [1, 2]}}""", "switchyard.provider.only")]
    [InlineData("""{"provider": {"ignore": null}}""", "switchyard.provider.ignore")]
    [InlineData("""{"provider": {"allow_fallbacks": "no"}}""", "switchyard.provider.allow_fallbacks")]
    [InlineData("""{"provider": {"sort": 3}}""", "switchyard.provider.sort")]
    [InlineData("""{"provider": {"quantizations": ["fp8"]}}""", "switchyard.provider.quantizations")]
    [InlineData("""{"allow_fallbacks": "false"}""", "switchyard.allow_fallbacks")]
    [InlineData("""{"allow_fallbacks": 0}""", "switchyard.allow_fallbacks")]
    [InlineData("""{"sort": ["price"]}""", "switchyard.sort")]
    [InlineData("""{"sort": "fastest"}""", "switchyard.sort")]
    [InlineData("""{"models": "gpt-4.1"}""", "switchyard.models")]
    [InlineData("""{"models": [null]}""", "switchyard.models")]
    [InlineData("""{"tags": "no-training"}""", "switchyard.tags")]
    [InlineData("""{"tags": [true]}""", "switchyard.tags")]
    [InlineData("""{"route": "auto"}""", "switchyard.route")]
    [InlineData("""{"max_cost": 1}""", "switchyard.max_cost")]
    [InlineData("""[1, 2]""", "switchyard")]
    [InlineData("\"cheap\"", "switchyard")]
    public void A_wrong_body_value_is_a_400_naming_the_field(string json, string field)
    {
        var error = Assert.Throws<GatewayException>(() => RequestControlsParser.Parse(Body(json), NoHeaders));
        Assert.Equal(400, error.Status);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal(field, error.Param);
        Assert.Contains(field.Split('.')[^1], error.Message);
    }

    [Theory]
    [InlineData("x-switchyard-max-cost-usd", "cheap")]
    [InlineData("x-switchyard-max-latency-ms", "fast")]
    [InlineData("x-switchyard-min-tier", "gold")]
    [InlineData("x-switchyard-min-tier", "3.5")]
    [InlineData("x-switchyard-allow-fallbacks", "maybe")]
    public void A_wrong_header_value_is_a_400_naming_the_header(string header, string value)
    {
        var error = Assert.Throws<GatewayException>(() => RequestControlsParser.Parse(null, Headers((header, value))));
        Assert.Equal(400, error.Status);
        Assert.Equal(header, error.Param);
        Assert.Contains(header, error.Message);
    }

    [Theory]
    [InlineData("x-switchyard-min-tier", "7")]
    [InlineData("x-switchyard-sort", "random")]
    [InlineData("x-switchyard-max-cost-usd", "-0.5")]
    public void An_out_of_range_header_value_is_a_400(string header, string value)
    {
        var error = Assert.Throws<GatewayException>(() => RequestControlsParser.Parse(null, Headers((header, value))));
        Assert.Equal(400, error.Status);
    }
}
