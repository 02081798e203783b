using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Switchyard.Server.Hosting;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Http;

public sealed class UpstreamHttpClientTests
{
    [Fact]
    public async Task The_upstream_client_hands_a_redirect_back_instead_of_following_it()
    {
        var followed = 0;
        await using var upstream = await StaticFileServer.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", (HttpContext c) => { c.Response.Redirect("/moved/chat/completions", permanent: true); return Task.CompletedTask; });
            app.MapGet("/moved/chat/completions", () => { Interlocked.Increment(ref followed); return "followed"; });
        });

        // The handler as the adapters call it: through a plain invoker.
        using var http = new HttpMessageInvoker(UpstreamHttpClient.CreateHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(upstream.BaseAddress, "v1/chat/completions")) { Content = new StringContent("{}") };
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/moved/chat/completions", response.Headers.Location?.OriginalString);
        Assert.Equal(0, followed);
    }
}
