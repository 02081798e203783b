using Switchyard.Core.Upstream;
using Switchyard.Providers.Anthropic;
using static Switchyard.Providers.Tests.Anthropic.AnthropicTestCalls;

namespace Switchyard.Providers.Tests.Anthropic;

public sealed class AnthropicMessageMappingTests
{
    [Fact]
    public void System_and_developer_messages_become_system_text_blocks()
    {
        var wire = Wire("""
            {"messages": [
              {"role": "system", "content": "Be brief."},
              {"role": "user", "content": "Hi"},
              {"role": "developer", "content": [{"type": "text", "text": "Answer in French."}]}
            ]}
            """);

        AssertJsonEqual("""[{"type":"text","text":"Be brief."},{"type":"text","text":"Answer in French."}]""", wire["system"]);
        AssertJsonEqual("""[{"role":"user","content":"Hi"}]""", wire["messages"]);
    }

    [Fact]
    public void A_request_without_system_messages_has_no_system_field()
    {
        var wire = Wire("""{"messages": [{"role": "user", "content": "Hi"}]}""");

        Assert.False(wire.AsObject().ContainsKey("system"));
    }

    [Fact]
    public void Consecutive_messages_of_one_role_are_merged_and_empty_text_is_skipped()
    {
        var wire = Wire("""
            {"messages": [
              {"role": "user", "content": "one"},
              {"role": "user", "content": [{"type": "text", "text": "two"}, {"type": "text", "text": ""}]},
              {"role": "assistant", "content": "three"},
              {"role": "assistant", "content": ""},
              {"role": "user", "content": "four"}
            ]}
            """);

        AssertJsonEqual("""
            [
              {"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},
              {"role":"assistant","content":"three"},
              {"role":"user","content":"four"}
            ]
            """, wire["messages"]);
    }

    [Fact]
    public void Image_parts_become_image_blocks_with_base64_or_url_sources()
    {
        var wire = Wire("""
            {"messages": [{"role": "user", "content": [
              {"type": "text", "text": "What is in these?"},
              {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
              {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg", "detail": "high"}}
            ]}]}
            """);

        AssertJsonEqual("""
            [{"role":"user","content":[
              {"type":"text","text":"What is in these?"},
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
              {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}
            ]}]
            """, wire["messages"]);
    }

    [Fact]
    public void A_data_url_that_is_not_base64_is_refused()
    {
        var ex = Assert.Throws<UpstreamException>(() => Wire("""
            {"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:image/svg+xml,<svg/>"}}]}]}
            """));

        Assert.Equal(UpstreamErrorKind.BadRequest, ex.Kind);
    }

    [Fact]
    public void Unsupported_content_parts_are_refused_by_name()
    {
        var ex = Assert.Throws<UpstreamException>(() => Wire("""
            {"messages": [{"role": "user", "content": [{"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}}]}]}
            """));

        Assert.Equal(UpstreamErrorKind.BadRequest, ex.Kind);
        Assert.Contains("input_audio", ex.Message);
    }

    [Fact]
    public void N_above_one_is_refused()
    {
        var ex = Assert.Throws<UpstreamException>(() => Wire("""{"n": 2, "messages": [{"role": "user", "content": "Hi"}]}"""));

        Assert.Equal(UpstreamErrorKind.BadRequest, ex.Kind);
        Assert.Contains("n > 1 is not supported by Anthropic", ex.Message);
    }

    [Fact]
    public void The_canonical_request_is_not_mutated()
    {
        var call = Call("""{"messages": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}], "temperature": 1.5}""");

        Wire(call);
        Wire(call);

        Assert.Equal(2, call.Request.Messages!.Count);
        Assert.Equal("a", call.Request.Messages[0].Content!.Text);
        Assert.Equal(1.5, call.Request.Temperature);
    }
}
