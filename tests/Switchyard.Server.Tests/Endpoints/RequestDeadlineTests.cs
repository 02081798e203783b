using Microsoft.AspNetCore.Http;
using Switchyard.Server.Endpoints;
using Switchyard.Server.Tests.Health;

namespace Switchyard.Server.Tests.Endpoints;

public sealed class RequestDeadlineTests
{
    private static (DefaultHttpContext Context, CancellationTokenSource Client) Request()
    {
        var client = new CancellationTokenSource();
        return (new DefaultHttpContext { RequestAborted = client.Token }, client);
    }

    [Fact]
    public void The_deadline_passing_cancels_the_token_and_counts_as_expired()
    {
        var time = new FakeTime();
        var (context, client) = Request();
        using var deadline = new RequestDeadline(context, TimeSpan.FromSeconds(30), time);

        Assert.Equal(time.GetUtcNow().AddSeconds(30), deadline.At);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(deadline.Token.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.True(deadline.Expired);
        client.Dispose();
    }

    [Fact]
    public void The_client_leaving_cancels_the_token_but_is_not_the_deadline()
    {
        var time = new FakeTime();
        var (context, client) = Request();
        using var deadline = new RequestDeadline(context, TimeSpan.FromSeconds(30), time);

        var sawExpired = (bool?)null;
        deadline.Token.Register(() => sawExpired = deadline.Expired); // what code woken by the cancel sees
        client.Cancel();

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.False(deadline.Expired);
        Assert.False(sawExpired);
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.False(deadline.Expired);
    }

    [Fact]
    public void A_client_already_gone_gives_a_cancelled_token_at_once_and_disposing_twice_is_harmless()
    {
        var (context, client) = Request();
        client.Cancel();
        var deadline = new RequestDeadline(context, TimeSpan.FromSeconds(30), new FakeTime());

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.False(deadline.Expired);
        deadline.Dispose();
        deadline.Dispose();
        client.Dispose();
    }

    [Fact]
    public void After_dispose_the_client_leaving_reaches_nothing()
    {
        var (context, client) = Request();
        var deadline = new RequestDeadline(context, TimeSpan.FromSeconds(30), new FakeTime());
        deadline.Dispose();
        client.Cancel(); // the registration is gone: no callback on a disposed source
        Assert.False(deadline.Expired);
    }
}
