using Microsoft.AspNetCore.Http;
using Switchyard.Server.Http;
using Switchyard.Server.Tests.Health;

namespace Switchyard.Server.Tests.Http;

public class RequestIdMiddlewareTests
{
    [Fact]
    public async Task A_new_id_is_req_and_a_version_7_uuid_of_the_clock_time_in_the_header_and_the_context()
    {
        var time = new FakeTime(new DateTimeOffset(2026, 12, 5, 1, 2, 3, 456, TimeSpan.Zero));

        var context = await RunAsync(time, incoming: null);

        var id = RequestIdMiddleware.Of(context);
        Assert.Matches("^req_[0-9a-f]{32}$", id);
        Assert.Equal(id, context.Response.Headers["x-request-id"].ToString());
        Assert.Equal(id, context.TraceIdentifier); // what ASP.NET Core's own logs and diagnostics name the request by
        var uuid = Guid.ParseExact(id["req_".Length..], "N");
        Assert.Equal(7, uuid.Version);
        // RFC 9562: the first 48 bits are the Unix time in milliseconds.
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), Convert.ToInt64(id.Substring(4, 12), 16));
    }

    [Fact]
    public async Task New_ids_sort_by_time_as_text_so_the_request_logs_key_grows_at_its_end()
    {
        var time = new FakeTime();
        var ids = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add(RequestIdMiddleware.Of(await RunAsync(time, incoming: null)));
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(50, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("trace-42_a.b:c", "trace-42_a.b:c")]
    [InlineData("has space", null)]
    [InlineData("<script>", null)]
    public async Task The_clients_own_id_is_kept_when_it_is_safe_to_echo(string incoming, string? kept)
    {
        var id = RequestIdMiddleware.Of(await RunAsync(new FakeTime(), incoming));

        if (kept is not null) Assert.Equal(kept, id);
        else Assert.Matches("^req_[0-9a-f]{32}$", id);
    }

    [Fact]
    public async Task An_overlong_client_id_is_replaced()
    {
        var id = RequestIdMiddleware.Of(await RunAsync(new FakeTime(), new string('a', 129)));

        Assert.StartsWith("req_", id);
    }

    private static async Task<HttpContext> RunAsync(TimeProvider time, string? incoming)
    {
        var context = new DefaultHttpContext();
        if (incoming is not null) context.Request.Headers["x-request-id"] = incoming;
        var reached = false;
        await new RequestIdMiddleware(_ => { reached = true; return Task.CompletedTask; }, time).InvokeAsync(context);
        Assert.True(reached);
        return context;
    }
}
