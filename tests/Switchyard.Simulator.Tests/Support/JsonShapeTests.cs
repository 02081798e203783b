using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace Switchyard.Simulator.Tests.Support;

/// <summary>The shape comparison is what the fixture tests rest on: check that it does fail.</summary>
public class JsonShapeTests
{
    [Theory]
    [InlineData("""{"a":1,"b":"x"}""", """{"a":1}""")]            // missing property
    [InlineData("""{"a":1}""", """{"a":1,"c":2}""")]              // extra property
    [InlineData("""{"a":1}""", """{"a":"1"}""")]                  // other kind
    [InlineData("""{"l":[{"type":"t","v":1}]}""", """{"l":[{"type":"t"}]}""")] // inside arrays
    public void Differences_fail(string expected, string actual) =>
        Assert.Throws<TrueException>(() => JsonShape.AssertSame(JsonNode.Parse(expected)!, JsonNode.Parse(actual)!));

    [Fact]
    public void Equal_shapes_and_tolerated_paths_pass()
    {
        JsonShape.AssertSame(JsonNode.Parse("""{"a":1,"b":[{"c":true}],"n":null}""")!, JsonNode.Parse("""{"a":2,"b":[{"c":false},{"c":true}],"n":null}""")!);
        JsonShape.AssertSame(JsonNode.Parse("""{"a":1,"x":{"y":1}}""")!, JsonNode.Parse("""{"a":1,"z":0}""")!, "x", "z");
    }
}
