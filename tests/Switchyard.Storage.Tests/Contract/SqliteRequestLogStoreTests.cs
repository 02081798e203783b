using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Tests.Support;

namespace Switchyard.Storage.Tests.Contract;

public sealed class SqliteRequestLogStoreTests : RequestLogStoreContract
{
    protected override Task<IRequestLogStore> CreateStoreAsync() =>
        Task.FromResult<IRequestLogStore>(SqliteRequestLogStore.InDataDir(TestRows.TempDir()));

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={((SqliteRequestLogStore)Store).Path}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_database_is_in_wal_mode()
    {
        var path = ((SqliteRequestLogStore)Store).Path;
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
