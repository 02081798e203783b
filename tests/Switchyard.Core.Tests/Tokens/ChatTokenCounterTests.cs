using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Core.Tokens;

namespace Switchyard.Core.Tests.Tokens;

public sealed class ChatTokenCounterTests
{
    // OpenAI cookbook, "How to count tokens with tiktoken", section 6: the API reported 124 prompt tokens on
    // gpt-4o / gpt-4o-mini (o200k_base) and 129 on gpt-4 / gpt-3.5-turbo-0125 (cl100k_base) for these messages.
    private static readonly ChatTokenMessage[] CookbookMessages =
    [
        new("system", "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."),
        new("system", "New synergies will help drive top-line growth.", "example_user"),
        new("system", "Things working well together will increase revenue.", "example_assistant"),
        new("system", "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.", "example_user"),
        new("system", "Let's talk later when we're less busy about how to do better.", "example_assistant"),
        new("user", "This late pivot means we don't have time to boil the ocean for the client deliverable."),
    ];

    // Section 7: with this tool the API reported 101 prompt tokens on gpt-4o and 105 on gpt-4.
    private const string CookbookTools = """
        [{"type": "function", "function": {
            "name": "get_current_weather",
            "description": "Get the current weather in a given location",
            "parameters": {
                "type": "object",
                "properties": {
                    "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
                    "unit": {"type": "string", "description": "The unit of temperature to return", "enum": ["celsius", "fahrenheit"]}
                },
                "required": ["location"]
            }
        }}]
        """;

    private static readonly ChatTokenMessage[] CookbookToolMessages =
    [
        new("system", "You are a helpful assistant that can answer to questions about the weather."),
        new("user", "What's the weather like in San Francisco?"),
    ];

    [Theory]
    [InlineData("o200k_base", 124)]
    [InlineData("cl100k_base", 129)]
    public void Messages_match_the_APIs_published_prompt_tokens(string tokenizer, int expected) =>
        Assert.Equal(expected, ChatTokenCounter.For(tokenizer).CountMessages(CookbookMessages));

    [Theory]
    [InlineData("o200k_base", 101)]
    [InlineData("cl100k_base", 105)]
    public void Tools_match_the_APIs_published_prompt_tokens(string tokenizer, int expected) =>
        Assert.Equal(expected, ChatTokenCounter.For(tokenizer).Count(CookbookToolMessages, CookbookTools));

    [Theory]
    [InlineData("o200k_base", 101)]
    [InlineData("cl100k_base", 105)]
    public void Chat_request_counts_as_its_parts(string tokenizer, int expected)
    {
        var json = $$"""
            {"model": "gpt-4o",
             "messages": [
                {"role": "system", "content": "You are a helpful assistant that can answer to questions about the weather."},
                {"role": "user", "content": [{"type": "text", "text": "What's the weather like in San Francisco?"}]}],
             "tools": {{CookbookTools}}}
            """;
        var request = JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatRequest)!;
        Assert.Equal(expected, ChatTokenCounter.For(tokenizer).CountPrompt(request));
    }

    [Fact]
    public void Overhead_rule_per_message_name_and_reply()
    {
        var chat = ChatTokenCounter.For("o200k_base");
        var text = TiktokenEncoder.O200kBase;

        Assert.Equal(3, chat.CountMessages([]));
        Assert.Equal(3 + 3 + text.Count("user") + text.Count("Hello there"), chat.CountMessages([new("user", "Hello there")]));
        Assert.Equal(3 + 3 + text.Count("user") + text.Count("Hi") + 1 + text.Count("alice"), chat.CountMessages([new("user", "Hi", "alice")]));
        Assert.Equal(3 + 3 + text.Count("assistant"), chat.CountMessages([new("assistant", null)]));
    }

    [Fact]
    public void No_tools_cost_nothing()
    {
        var chat = ChatTokenCounter.For("o200k_base");
        Assert.Equal(0, chat.CountTools((string?)null));
        Assert.Equal(0, chat.CountTools("[]"));
        Assert.Equal(0, chat.CountTools((IReadOnlyList<ToolDefinition>?)null));
    }

    [Fact]
    public void Tools_that_are_not_json_are_counted_as_text()
    {
        var chat = ChatTokenCounter.For("cl100k_base");
        const string broken = "{not json";
        Assert.Equal(chat.FunctionStart + TiktokenEncoder.Cl100kBase.Count(broken) + ChatTokenCounter.ToolsEnd, chat.CountTools(broken));
    }

    [Fact]
    public void Nested_schemas_count_more_than_flat_ones()
    {
        var chat = ChatTokenCounter.For("o200k_base");
        const string flat = """[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"array"}}}}}]""";
        const string nested = """[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"array","items":{"type":"object","properties":{"x":{"type":"string"},"y":{"type":"integer"}}}}}}}}]""";
        Assert.True(chat.CountTools(nested) > chat.CountTools(flat) + 10);
    }

    [Fact]
    public void Request_counts_images_tool_calls_and_schema()
    {
        var chat = ChatTokenCounter.For("o200k_base");
        var text = TiktokenEncoder.O200kBase;
        var json = """
            {"messages": [
                {"role": "user", "content": [
                    {"type": "text", "text": "What is this?"},
                    {"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "low"}},
                    {"type": "image_url", "image_url": {"url": "https://example.com/b.png"}}]},
                {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "lookup", "arguments": "{\"q\":\"cat\"}"}}]},
                {"role": "tool", "tool_call_id": "call_1", "content": "a cat"}],
             "response_format": {"type": "json_schema", "json_schema": {"name": "answer", "schema": {"type": "object"}}}}
            """;
        var request = JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatRequest)!;

        var expected = 3
            + 3 + text.Count("user") + text.Count("What is this?") + ChatTokenCounter.LowDetailImageTokens + ChatTokenCounter.ImageTokens
            + 3 + text.Count("assistant") + ChatTokenCounter.ToolCallOverhead + text.Count("lookup") + text.Count("{\"q\":\"cat\"}")
            + 3 + text.Count("tool") + text.Count("a cat")
            + text.Count("""{"type": "object"}""");
        Assert.Equal(expected, chat.CountPrompt(request));
    }

    [Fact]
    public void Estimate_counter_uses_the_same_overheads()
    {
        var chat = ChatTokenCounter.For("estimate");
        Assert.False(chat.Text.IsExact);
        Assert.Equal(ChatTokenCounter.FunctionStartOther, chat.FunctionStart);
        var estimate = EstimatingTokenCounter.Instance;
        Assert.Equal(3 + 3 + estimate.Count("user") + estimate.Count("Hello there"), chat.CountMessages([new("user", "Hello there")]));
    }

    [Fact]
    public void For_returns_one_instance_per_tokenizer()
    {
        Assert.Same(ChatTokenCounter.For("o200k_base"), ChatTokenCounter.For("o200k_base"));
        Assert.Throws<ArgumentException>(() => ChatTokenCounter.For("p50k_base"));
    }
}
