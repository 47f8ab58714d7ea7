using ExpansionDashboard.Data.Bulk;
using ExpansionDashboard.Data.Entities;
using ExpansionDashboard.Metrics.Model;
using Microsoft.EntityFrameworkCore;
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
        if (await db.Accounts.AnyAsync(ct))
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

    internal static async Task WriteAsync(DashboardDbContext db, DemoDataSet set, DateTime nowUtc, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var dbTx = tx.GetDbTransaction();
        var model = db.Model;

        var batch = new ImportBatch
        {
            Kind = "demo", FileName = "(demo data generator)", CreatedBy = "system", CreatedUtc = nowUtc,
            RowsRead = set.Accounts.Count + set.Revenue.Count + set.Opportunities.Count + set.Targets.Count + set.Health.Count,
            HorizonMonth = set.Revenue.Count == 0 ? null : set.Revenue.Max(r => r.Month).FirstDay,
        };
        batch.RowsInserted = batch.RowsRead;
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);

        // Bulk paths: prepared INSERTs on SQLite, binary COPY on PostgreSQL; ids come back from the store.
        BulkInsert.Insert(connection, dbTx, model, "Accounts", ["ExternalId", "Name", "Segment", "Industry", "Region", "Csm", "ImportBatchId"], set.Accounts,
            a => [a.ExternalId, a.Name, a.Segment, a.Industry, a.Region, a.Csm, batch.Id]);
        var ids = await IdsAsync(connection, dbTx, "Accounts", ct);
        BulkInsert.Insert(connection, dbTx, model, "RevenueLines", ["AccountId", "Month", "Product", "Mrr", "Seats", "Plan", "ExpansionType", "ImportBatchId"], set.Revenue,
            r => [ids[r.AccountId], r.Month.FirstDay, r.Product, r.Mrr, r.Seats, r.Plan, r.ExpansionType, batch.Id]);
        BulkInsert.Insert(connection, dbTx, model, "Opportunities", ["ExternalId", "AccountId", "Name", "Type", "Stage", "Amount", "ExpectedClose", "Owner", "Created", "Closed", "ImportBatchId"], set.Opportunities,
            o => [o.ExternalId, ids[o.AccountId], o.Name, o.Type, o.Stage, o.Amount, o.ExpectedClose, o.Owner, o.Created, o.Closed, batch.Id]);
        var oppIds = await IdsAsync(connection, dbTx, "Opportunities", ct);
        BulkInsert.Insert(connection, dbTx, model, "OpportunityStageHistory", ["OpportunityId", "Stage", "SeenOn", "ImportBatchId"],
            set.Opportunities.SelectMany(o => o.History.Select(h => (o.ExternalId, h.Stage, h.SeenOn))).ToList(),
            h => [oppIds[h.ExternalId], h.Stage, h.SeenOn, batch.Id]);
        BulkInsert.Insert(connection, dbTx, model, "ExpansionTargets", ["Quarter", "Segment", "Amount", "ImportBatchId"], set.Targets,
            t => [t.Quarter, t.Segment, t.Amount, batch.Id]);
        BulkInsert.Insert(connection, dbTx, model, "HealthSignals",
            ["AccountId", "Month", "UsageTrend", "ActiveUsers", "SupportTickets", "Nps", "PaymentFailures", "ExecSponsorChange", "QbrAttended", "PlanLimitUtilisation", "ImportBatchId"], set.Health,
            h => [ids[h.AccountId], h.Month.FirstDay, h.UsageTrend, h.ActiveUsers, h.SupportTickets, h.Nps, h.PaymentFailures, h.ExecSponsorChange, h.QbrAttended, h.PlanLimitUtilisation, batch.Id]);

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
