using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Server.Http;

namespace Switchyard.Server.Tests.Http;

public class UnhandledErrorMiddlewareTests
{
    [Fact]
    public async Task A_bug_becomes_a_500_in_the_openai_shape_with_the_request_id_and_no_stack_trace()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        var pipeline = new RequestIdMiddleware(new UnhandledErrorMiddleware(
            _ => throw new InvalidOperationException("secret internals at Foo.Bar()"),
            NullLogger<UnhandledErrorMiddleware>.Instance).InvokeAsync, TimeProvider.System);

        await pipeline.InvokeAsync(context);

        Assert.Equal(500, context.Response.StatusCode);
        await context.Response.BodyWriter.FlushAsync(TestContext.Current.CancellationToken); // as the server does once the pipeline returns
        context.Response.Body.Position = 0;
        using var doc = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        var message = doc.RootElement.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains(RequestIdMiddleware.Of(context), message);
        Assert.DoesNotContain("Foo.Bar", message);
        Assert.Equal("internal_error", doc.RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
