namespace Switchyard.Server.Tests.Support;

/// <summary>Theory data: one model behind each wire format the gateway speaks.</summary>
public sealed class WireFormats : TheoryData<string>
{
    public WireFormats()
    {
        Add(GatewayFixture.OpenAIModel);
        Add(GatewayFixture.AnthropicModel);
        Add(GatewayFixture.GeminiModel);
    }
}
