using Switchyard.Providers.Gemini;

namespace Switchyard.Providers.Tests.Gemini;

public sealed class GeminiToolCallIdsTests
{
    [Theory]
    [InlineData("call_abc", "call_abc", null)]
    [InlineData("toolu_01A", "toolu_01A", null)] // an id from another provider goes back unchanged
    [InlineData("abc__thought__U2ln", "abc", "U2ln")]
    [InlineData("__thought__U2ln", null, "U2ln")]
    [InlineData("abc__thought__", "abc", null)]
    public void Split_separates_the_id_from_the_thought_signature(string toolCallId, string? id, string? signature) =>
        Assert.Equal((id, signature), GeminiToolCallIds.Split(toolCallId));

    [Fact]
    public void Created_ids_round_trip_through_split()
    {
        var created = GeminiToolCallIds.Create(null, "resp-1", 0, 3, "U2ln");
        var (id, signature) = GeminiToolCallIds.Split(created);
        Assert.Matches("^call_[0-9a-f]{24}$", id);
        Assert.Equal("U2ln", signature);
        Assert.NotEqual(id, GeminiToolCallIds.Split(GeminiToolCallIds.Create(null, "resp-1", 0, 4, null)).Id);
    }
}
