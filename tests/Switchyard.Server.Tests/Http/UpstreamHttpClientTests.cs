using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Server.Hosting;

namespace Switchyard.Server.Tests.Http;

public sealed class UpstreamHttpClientTests
{
    [Fact]
    public async Task The_upstream_client_hands_a_redirect_back_instead_of_following_it()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        var followed = 0;
        app.MapPost("/v1/chat/completions", (HttpContext c) => { c.Response.Redirect("/moved/chat/completions", permanent: true); return Task.CompletedTask; });
        app.MapGet("/moved/chat/completions", () => { Interlocked.Increment(ref followed); return "followed"; });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        using var http = UpstreamHttpClient.Create();
        using var response = await http.PostAsync(new Uri(address, "v1/chat/completions"), new StringContent("{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/moved/chat/completions", response.Headers.Location?.OriginalString);
        Assert.Equal(0, followed);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
