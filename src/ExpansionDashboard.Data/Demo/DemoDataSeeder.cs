using ExpansionDashboard.Data.Import.Kinds;
using ExpansionDashboard.Data.Import.Writing;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace ExpansionDashboard.Data.Demo;

/// <summary>Loads the demo data set into an empty store in one transaction.</summary>
public sealed class DemoDataSeeder(IDbContextFactory<DashboardDbContext> factory, TimeProvider time, ILogger<DemoDataSeeder> logger)
{
    /// <summary>Seeds when the store holds no accounts yet; returns whether it did.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Accounts.AnyAsync(ct) || await StoreMetaValues.GetAsync(db, DemoData.RemovedKey, ct) is not null)
        {
            return false;
        }

        var started = time.GetTimestamp();
        var set = new DemoDataGenerator().Generate(Month.Of(time.GetUtcNow().UtcDateTime));
        await WriteAsync(db, set, time.GetUtcNow().UtcDateTime, ct);
        logger.LogInformation(
            "Demo data loaded: {Accounts} accounts, {Revenue} revenue lines, {Opportunities} opportunities, {Health} health signals in {Elapsed} ms.",
            set.Accounts.Count, set.Revenue.Count, set.Opportunities.Count, set.Health.Count, (int)time.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }

    /// <summary>Whether an admin removed the demo from this store (it is then never loaded again).</summary>
    public async Task<bool> WasRemovedAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await StoreMetaValues.GetAsync(db, DemoData.RemovedKey, ct) is not null;
    }

    internal static async Task WriteAsync(DashboardDbContext db, DemoDataSet set, DateTime nowUtc, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var dbTx = tx.GetDbTransaction();

        var batch = new ImportBatch
        {
            Kind = DemoData.BatchKind,
            Source = ImportSource.Demo,
            FileName = "(demo data generator)",
            CreatedBy = "system",
            CreatedUtc = nowUtc,
            RowsRead = set.Accounts.Count + set.Revenue.Count + set.Opportunities.Count + set.Targets.Count + set.Health.Count,
            HorizonMonth = set.Revenue.Count == 0 ? null : set.Revenue.Max(r => r.Month).FirstDay,
        };
        batch.RowsInserted = batch.RowsRead;
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);

        // The kinds' tables and values, through the import's bulk path (prepared INSERTs on SQLite, binary COPY on PostgreSQL).
        using var store = StoreWriters.For(db, connection, dbTx);
        var none = AccountAttributesRow.None;
        PlanWriter.Insert(store, AccountsImport.NewAccountsTable, set.Accounts, _ => 0,
            a => AccountsImport.NewAccountValues(new NewAccount(a.ExternalId, a.Name, a.Segment, a.Industry, a.Region, a.Csm, null)), batch.Id);
        var ids = await IdsAsync(connection, dbTx, "Accounts", ct);
        PlanWriter.Insert(store, MrrImport.RevenueLines, set.Revenue, r => ids[r.AccountId],
            r => ImportKinds.Mrr.Values(new MrrImportRow(0, r.AccountId, r.Month, r.Product, r.Mrr, r.Seats, r.Plan, r.ExpansionType, none)), batch.Id);
        PlanWriter.Insert(store, OpportunitiesImport.OpportunitiesTable, set.Opportunities, o => ids[o.AccountId],
            o => ImportKinds.Opportunities.Values(new OpportunityImportRow(0, o.ExternalId, o.AccountId, o.Name, o.Type, o.Stage, o.Amount, o.ExpectedClose, o.Owner, o.Created, o.Closed, none)),
            batch.Id);
        var oppIds = await IdsAsync(connection, dbTx, "Opportunities", ct);
        PlanWriter.Insert(store, OpportunitiesImport.StageHistory, set.Opportunities.SelectMany(o => o.History.Select(h => (o.ExternalId, h.Stage, h.SeenOn))), _ => 0,
            h => [oppIds[h.ExternalId], h.Stage, h.SeenOn], batch.Id);
        PlanWriter.Insert(store, TargetsImport.TargetsTable, set.Targets, _ => 0, t => ImportKinds.Targets.Values(new TargetImportRow(0, t.Quarter, t.Segment, t.Amount)), batch.Id);
        PlanWriter.Insert(store, HealthImport.HealthSignals, set.Health, h => ids[h.AccountId],
            h => ImportKinds.Health.Values(new HealthImportRow(0, h.AccountId, h.Month, h.ActiveUsers, h.SupportTickets, h.Nps, h.PaymentFailures,
                h.ExecSponsorChange, h.QbrAttended, h.PlanLimitUtilisation, h.UsageTrend)), batch.Id);

        await DataVersion.BumpAsync(db, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>ExternalId → Id of a table's rows.</summary>
    private static async Task<Dictionary<string, int>> IdsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, string table, CancellationToken ct)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
#pragma warning disable CA2100 // Fixed table names of this class.
        cmd.CommandText = $"SELECT \"ExternalId\", \"Id\" FROM \"{table}\"";
#pragma warning restore CA2100
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids[reader.GetString(0)] = reader.GetInt32(1);
        }

        return ids;
    }
}
