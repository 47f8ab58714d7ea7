using System.Data.Common;
using System.Globalization;
using System.Text;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.PostgreSql;
using ExpansionDashboard.Data.Tests.Import;
using Npgsql;

namespace ExpansionDashboard.Data.Tests;

/// <summary>
/// PostgreSQL's bulk path: a batch of <see cref="ForeignKeysAside.BulkRows"/> rows or more drops its table's foreign keys
/// inside the transaction and adds them back, checked, before the commit; revenue lines leave room on each page so
/// amount updates rewrite rows in place.
/// </summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class BulkWriteTests
{
    private const int Accounts = 2_000;
    private const int Months = 50;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_BulkBatchAndItsUpdateAndRevert_PutEveryForeignKeyBackAsItWas()
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false);
        var before = await ForeignKeysAsync(ctx.Db);

        var inserted = await ctx.CommitAsync(ImportKind.Mrr, Book(cents: 0));
        var afterInsert = await ForeignKeysAsync(ctx.Db);
        var updated = await ctx.CommitAsync(ImportKind.Mrr, Book(cents: 1));
        var afterUpdate = await ForeignKeysAsync(ctx.Db);
        await ctx.Service.RevertAsync(updated.BatchId, "tester", Ct);

        Assert.Equal((Accounts * Months, 0), (inserted.Inserted, inserted.Updated));
        Assert.Equal((0, Accounts * Months), (updated.Inserted, updated.Updated));

        // Same names and definitions; new constraint ids show each was dropped and added back by the bulk path.
        Assert.Equal(Definitions(before), Definitions(afterInsert));
        Assert.Equal(Definitions(before), Definitions(afterUpdate));
        Assert.All(before.Where(k => k.Table == "RevenueLines"), k => Assert.NotEqual(k.Oid, afterInsert.Single(a => a.Name == k.Name).Oid));
        Assert.All(before.Where(k => k.Table == "ImportChanges"), k => Assert.NotEqual(k.Oid, afterUpdate.Single(a => a.Name == k.Name).Oid));
        Assert.Equal(Accounts * Months * 100m, await ScalarAsync<decimal>(ctx.Db, "SELECT SUM(\"Mrr\") FROM \"RevenueLines\""));

        // The keys work again: a line of an account that does not exist is refused.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<int>(ctx.Db,
            $"INSERT INTO \"RevenueLines\" (\"AccountId\", \"Month\", \"Product\", \"Mrr\", \"Currency\") VALUES (-1, DATE '2026-01-01', 'Core', 1, '') RETURNING 1"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
    }

    [Fact]
    public async Task Import_SmallBatch_KeepsItsForeignKeysInPlace()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var before = await ForeignKeysAsync(ctx.Db);
        await ctx.CommitAsync(ImportKind.Mrr, "account_id,month,product,mrr\nA1,2026-10,Core,1300.00\nA9,2026-10,Core,50.00\n");
        Assert.Equal(before, await ForeignKeysAsync(ctx.Db));
    }

    [Fact]
    public async Task Import_BulkBatchWhileAReaderHoldsTheTables_GoesOnWithItsForeignKeys()
    {
        await using var ctx = await ImportTestContext.CreateAsync(seed: false);
        var before = await ForeignKeysAsync(ctx.Db);

        // A reader's open transaction holds the tables the keys reference: dropping them would wait for it to end.
        await using var reader = (NpgsqlConnection)await ctx.Db.OpenConnectionAsync(Ct);
        await using var readTx = await reader.BeginTransactionAsync(Ct);
        await using (var read = new NpgsqlCommand("SELECT COUNT(*) FROM \"Accounts\"", reader, readTx))
        {
            await read.ExecuteScalarAsync(Ct);
        }

        var outcome = await ctx.CommitAsync(ImportKind.Mrr, Book(cents: 0));
        await readTx.CommitAsync(Ct);

        Assert.Equal(Accounts * Months, outcome.Inserted);
        Assert.Equal(before, await ForeignKeysAsync(ctx.Db));
    }

    [Fact]
    public async Task Migrate_RevenueLines_LeaveHalfOfEachPageForInPlaceUpdates()
    {
        await using var store = await TestDatabase.CreateMigratedAsync();
        var options = await ScalarAsync<string[]>(store, "SELECT reloptions FROM pg_class WHERE oid = '\"RevenueLines\"'::regclass");
        Assert.Contains($"fillfactor={PostgreSqlModelCustomizer.RevenueLineFillFactor}", options);
    }

    /// <summary>Accounts × months of one product at 100 plus <paramref name="cents"/>.</summary>
    private static string Book(int cents)
    {
        var sb = new StringBuilder("account_id,month,product,mrr\n");
        for (var a = 0; a < Accounts; a++)
        {
            for (var m = 0; m < Months; m++)
            {
                var month = new DateOnly(2022, 9, 1).AddMonths(m);
                sb.Append(CultureInfo.InvariantCulture, $"ACC-{a:D5},{month:yyyy-MM},Core,100.{cents:D2}\n");
            }
        }

        return sb.ToString();
    }

    private static IEnumerable<(string Table, string Name, string Definition)> Definitions(IEnumerable<(string Table, string Name, string Definition, uint Oid)> keys) =>
        keys.Select(k => (k.Table, k.Name, k.Definition));

    private static async Task<List<(string Table, string Name, string Definition, uint Oid)>> ForeignKeysAsync(TestDatabase db)
    {
        await using var connection = await db.OpenConnectionAsync(Ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), oid FROM pg_constraint
            WHERE contype = 'f' AND conrelid IN ('"RevenueLines"'::regclass, '"ImportChanges"'::regclass) ORDER BY conname
            """;
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        var keys = new List<(string, string, string, uint)>();
        while (await reader.ReadAsync(Ct))
        {
            keys.Add((reader.GetString(0).Trim('"'), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<uint>(3)));
        }

        return keys;
    }

    private static async Task<T> ScalarAsync<T>(TestDatabase db, string sql)
    {
        await using DbConnection connection = await db.OpenConnectionAsync(Ct);
        await using var cmd = connection.CreateCommand();
#pragma warning disable CA2100 // The tests' own constant SQL.
        cmd.CommandText = sql;
#pragma warning restore CA2100
        return (T)(await cmd.ExecuteScalarAsync(Ct))!;
    }
}
