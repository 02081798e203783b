using System.Text.Json;
using OpenAI.Chat;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.EndToEnd;

/// <summary>A full tool-call round trip through each wire format: the model calls, the client answers, the model replies.</summary>
public class ToolCallTests(GatewayFixture fixture)
{
    private static readonly ChatTool Weather = ChatTool.CreateFunctionTool(
        "get_weather", "Get the current weather for a city",
        BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city","unit"]}"""));

    [Theory]
    [ClassData(typeof(WireFormats))]
    public async Task Model_calls_the_tool_and_answers_from_its_result(string model)
    {
        var chat = fixture.OpenAI().GetChatClient(model);
        var ct = TestContext.Current.CancellationToken;
        List<ChatMessage> messages = [new UserChatMessage("What is the weather in Paris? Use get_weather.")];
        var options = new ChatCompletionOptions { Tools = { Weather }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };

        var first = (await chat.CompleteChatAsync(messages, options, ct)).Value;
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.False(string.IsNullOrEmpty(call.Id));
        using (var args = JsonDocument.Parse(call.FunctionArguments))
        {
            Assert.Equal(JsonValueKind.String, args.RootElement.GetProperty("city").ValueKind);
            Assert.Contains(args.RootElement.GetProperty("unit").GetString(), new[] { "celsius", "fahrenheit" });
        }

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, """{"temperature": 21, "sky": "clear"}"""));
        var second = (await chat.CompleteChatAsync(messages, new ChatCompletionOptions { Tools = { Weather } }, ct)).Value;
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Empty(second.ToolCalls);
        Assert.False(string.IsNullOrWhiteSpace(second.Content[0].Text));
    }

    [Theory]
    [ClassData(typeof(WireFormats))]
    public async Task Streamed_tool_call_reassembles_to_valid_arguments(string model)
    {
        var chat = fixture.OpenAI().GetChatClient(model);
        var options = new ChatCompletionOptions { Tools = { Weather }, ToolChoice = ChatToolChoice.CreateFunctionChoice("get_weather") };
        string? id = null, name = null;
        var arguments = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Weather in Oslo?")], options, TestContext.Current.CancellationToken))
        {
            foreach (var tool in update.ToolCallUpdates)
            {
                id ??= tool.ToolCallId;
                name ??= tool.FunctionName;
                if (tool.FunctionArgumentsUpdate is { } part && !part.ToMemory().IsEmpty) arguments.Append(part.ToString());
            }
            finish ??= update.FinishReason;
        }
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal("get_weather", name);
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        using var args = JsonDocument.Parse(arguments.ToString());
        Assert.True(args.RootElement.TryGetProperty("city", out _));
    }
}
