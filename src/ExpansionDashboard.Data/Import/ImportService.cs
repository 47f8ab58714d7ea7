using System.Globalization;
using System.Text.Json;
using ExpansionDashboard.Data.Bulk;
using ExpansionDashboard.Data.Entities;
using ExpansionDashboard.Data.Queries;
using ExpansionDashboard.Metrics.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ExpansionDashboard.Data.Import;

/// <summary>
/// Imports admins' CSV exports: preview (nothing written), commit (one transaction, all or nothing, revertible)
/// and revert (restores exactly the values a batch replaced). Streams must be seekable: the web layer spools
/// uploads to a temporary file, so the file is never held in memory whole.
/// </summary>
/// <param name="snapshots">Kept for the hosts that construct the service; the preview reads the store itself, with currencies.</param>
/// <param name="reportingCurrency">Dashboard:Currency; revenue in any other currency needs a stored FX rate (USD when not given).</param>
#pragma warning disable CS9113 // The snapshot provider stays in the signature the hosts and tests use.
public sealed class ImportService(
    IDbContextFactory<DashboardDbContext> factory,
    DashboardSnapshotProvider snapshots,
    TimeProvider time,
    ILogger<ImportService> logger,
    ReportingCurrency? reportingCurrency = null)
#pragma warning restore CS9113
{
    private static readonly string[] ChildTables = ["OpportunityStageHistory", "RevenueLines", "Opportunities", "HealthSignals", "ExpansionTargets", "FxRates"];

    /// <summary>The reporting currency's ISO code, upper case.</summary>
    public string ReportingCurrency { get; } = Metrics.Currency.FxRates.Normalise(reportingCurrency?.Code ?? "USD");
    private static readonly SemaphoreSlim WriteGate = new(1, 1);

    internal Audit.AuditLog Audit { get; } = new(factory, time);

    /// <summary>The values a batch replaced (the rows' JSON before it), for the audit trail of form edits.</summary>
    internal async Task<IReadOnlyList<string>> ReplacedValuesAsync(long batchId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ImportChanges.AsNoTracking().Where(c => c.ImportBatchId == batchId).OrderBy(c => c.Id).Select(c => c.BeforeJson).ToListAsync(ct);
    }

    public async Task<ImportPreview> PreviewAsync(ImportKind kind, Stream file, string fileName, IReadOnlyDictionary<string, string>? mapping = null, CancellationToken ct = default)
    {
        if (XlsxSource.IsXlsx(file))
        {
            Stream csv;
            try
            {
                csv = XlsxSource.ToCsv(file);
            }
            catch (ImportRejectedException ex)
            {
                return FileError(kind, fileName, ex.Message);
            }

            await using (csv)
            {
                return await PreviewAsync(kind, csv, fileName, mapping, ct);
            }
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var rules = await LoadRulesAsync(db, ct);
        var parsed = ParsedFile.Read(file, kind, mapping, rules);
        if (!parsed.Source.CanRead || parsed.ValidCount == 0)
        {
            return ToPreview(parsed, fileName, null);
        }

        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        await RejectUnknownHealthAccountsAsync(connection, null, parsed, ct);
        var plan = parsed.ValidCount == 0 ? null : await ImportPlanner.PlanAsync(connection, null, parsed, preview: true, null, ct);
        return ToPreview(parsed, fileName, plan);
    }

    /// <summary>
    /// Commits the file in one transaction. A file with rejected rows is refused unless <paramref name="skipRejected"/>
    /// is set; then the rejected rows are listed in the batch's report. Re-importing the same file changes nothing.
    /// </summary>
    public async Task<ImportOutcome> CommitAsync(
        ImportKind kind, Stream file, string fileName, string user, bool skipRejected = false,
        IReadOnlyDictionary<string, string>? mapping = null, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        if (XlsxSource.IsXlsx(file))
        {
            Stream csv;
            try
            {
                csv = XlsxSource.ToCsv(file);
            }
            catch (ImportRejectedException ex)
            {
                throw new ImportRejectedException(ex.Message, FileError(kind, fileName, ex.Message));
            }

            await using (csv)
            {
                return await CommitAsync(kind, csv, fileName, user, skipRejected, mapping, progress, ct);
            }
        }

        var clock = time.GetTimestamp();

        // Progress: reading and validating is the first 40 %, planning and writing the rest.
        ImportRules rules;
        await using (var rulesDb = await factory.CreateDbContextAsync(ct))
        {
            rules = await LoadRulesAsync(rulesDb, ct);
        }

        var parsed = ParsedFile.Read(file, kind, mapping, rules, progress is null ? null : new Scaled(progress, 0, 0.4));
        var parseMs = time.GetElapsedTime(clock).TotalMilliseconds;
        await WriteGate.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var (connection, tx) = await BeginWriteAsync(db, ct);
            await using var _ = tx;
            if (kind is ImportKind.Mrr or ImportKind.InvoiceLines && !SameRates(rules, await LoadRulesAsync(db, ct)))
            {
                // Rates changed while the file was read (another import or a revert): check the rows again against the rates now stored.
                parsed = ParsedFile.Read(file, kind, mapping, rules = await LoadRulesAsync(db, ct));
            }

            await RejectUnknownHealthAccountsAsync(connection, tx, parsed, ct);
            var preview = ToPreview(parsed, fileName, null);
            if (preview.FileRejected || parsed.ValidCount == 0)
            {
                throw new ImportRejectedException("The file cannot be imported: " + string.Join(" ", preview.Errors.Take(3).Select(e => e.ToString())), preview);
            }

            if (preview.ErrorCount > 0 && !skipRejected)
            {
                throw new ImportRejectedException(
                    $"{preview.RowsRejected:N0} row(s) have errors. Fix them, or choose to skip the rejected rows. First: {preview.Errors[0]}", preview);
            }

            clock = time.GetTimestamp();
            var writeProgress = progress is null ? null : new Scaled(progress, 0.4, 0.6);
            await using IBatchWriter writer = connection is Npgsql.NpgsqlConnection pg
                ? new PostgresBatchWriter(pg, (Npgsql.NpgsqlTransaction)tx, db.Model, time.GetUtcNow().UtcDateTime, kind, fileName, user, parsed.ValidCount, writeProgress)
                : new SqliteBatchWriter((SqliteConnection)connection, (SqliteTransaction)tx, time.GetUtcNow().UtcDateTime, kind, fileName, user, parsed.ValidCount, writeProgress);
            var plan = await ImportPlanner.PlanAsync(connection, tx, parsed, preview: false, p => writer.StartAsync(p, ct), ct);
            preview = ToPreview(parsed, fileName, plan);
            var batchId = await writer.FinishAsync(plan, parsed, preview, ct);
            if (kind == ImportKind.Opportunities)
            {
                await RecordStagesAsync(connection, tx, batchId, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct);
            }

            await tx.CommitAsync(ct);
            logger.LogInformation("Import timings: parse and validate {Parse:N0} ms, plan and write {Write:N0} ms.", parseMs, time.GetElapsedTime(clock).TotalMilliseconds);
            logger.LogInformation("Import batch {Batch} ({Kind}, {File}) by {User}: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected.",
                batchId, ImportSchemas.Slug(kind), fileName, user, plan.Inserts, plan.Updates, plan.Unchanged, parsed.RowsRejected);
            var outcome = new ImportOutcome(batchId, ImportSchemas.Slug(kind), preview.Counts, preview);

            // Form edits are audited by the form with their before/after values; files as imports.
            if (!fileName.StartsWith("(form)", StringComparison.Ordinal))
            {
                await Audit.WriteAsync(user, "import.commit", $"batch #{batchId} {ImportSchemas.Slug(kind)} {fileName}", after: new
                {
                    outcome.RowsRead, outcome.Inserted, outcome.Updated, outcome.Unchanged, outcome.Rejected, outcome.NewAccounts,
                }, ct: CancellationToken.None);
            }

            return outcome;
        }
        finally
        {
            WriteGate.Release();
        }
    }

    /// <summary>
    /// Records the stage of every opportunity whose stage differs from the last one recorded (new deals, moved deals), so
    /// stage conversion can later be measured. A closed deal is recorded on its closed date (unless an earlier record is
    /// later than that, which keeps the order), an open one on the import day.
    /// </summary>
    private static async Task RecordStagesAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, long batchId, DateOnly today, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO "OpportunityStageHistory" ("OpportunityId", "Stage", "SeenOn", "ImportBatchId")
            SELECT o."Id", o."Stage",
                   CASE WHEN o."Stage" IN ('ClosedWon', 'ClosedLost') AND o."Closed" IS NOT NULL AND o."Closed" <= @today
                             AND NOT EXISTS (SELECT 1 FROM "OpportunityStageHistory" l WHERE l."OpportunityId" = o."Id" AND l."SeenOn" > o."Closed")
                        THEN o."Closed" ELSE @today END,
                   @batch
            FROM "Opportunities" o
            WHERE COALESCE((SELECT h."Stage" FROM "OpportunityStageHistory" h WHERE h."OpportunityId" = o."Id" ORDER BY h."SeenOn" DESC, h."Id" DESC LIMIT 1), '') <> o."Stage"
            """;
        cmd.AddParameter("@today", connection is Npgsql.NpgsqlConnection ? today : today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        cmd.AddParameter("@batch", batchId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// PostgreSQL: one set-based UPDATE per table from the batch's ImportChanges rows (the kept values are JSON text, cast
    /// back to each column's type in SQL), instead of a round trip per row: a large batch reverts in seconds.
    /// </summary>
    private static async Task<int> RestorePostgresAsync(DashboardDbContext db, Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction tx, long batchId, CancellationToken ct)
    {
        var groups = new List<(string Table, string[] Columns)>();
        await using (var cmd = new Npgsql.NpgsqlCommand(
            "SELECT DISTINCT ON (\"TableName\") \"TableName\", \"BeforeJson\" FROM \"ImportChanges\" WHERE \"ImportBatchId\" = @b ORDER BY \"TableName\"", connection, tx))
        {
            cmd.Parameters.AddWithValue("b", batchId);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                // Every change of a batch and table names the same columns (the plan's).
                groups.Add((reader.GetString(0), JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(1))!.Keys.ToArray()));
            }
        }

        var restored = 0;
        foreach (var (table, columns) in groups)
        {
            var sets = columns.Select(c => $"\"{c}\" = {PgCast(Bulk.StoreColumns.ClrType(db.Model, table, c), $"c.j ->> '{c}'")}");
#pragma warning disable CA2100 // Table and column names come from our own ImportChanges rows and the EF model.
            await using var update = new Npgsql.NpgsqlCommand(
                $"UPDATE \"{table}\" t SET {string.Join(", ", sets)} " +
                $"FROM (SELECT \"RowId\", \"BeforeJson\"::jsonb AS j FROM \"ImportChanges\" WHERE \"ImportBatchId\" = @b AND \"TableName\" = @t) c WHERE t.\"Id\" = c.\"RowId\"",
                connection, tx);
#pragma warning restore CA2100
            update.Parameters.AddWithValue("b", batchId);
            update.Parameters.AddWithValue("t", table);
            restored += await update.ExecuteNonQueryAsync(ct);
        }

        return restored;
    }

    /// <summary>SQL that turns the kept invariant text back into a column of <paramref name="type"/> (NULL stays NULL).</summary>
    private static string PgCast(Type type, string text) =>
        type == typeof(string) ? text
        : type == typeof(bool) ? $"(CASE {text} WHEN '1' THEN TRUE WHEN 'true' THEN TRUE WHEN 'True' THEN TRUE WHEN '0' THEN FALSE WHEN 'false' THEN FALSE WHEN 'False' THEN FALSE END)"
        : type == typeof(int) ? $"({text})::integer"
        : type == typeof(long) ? $"({text})::bigint"
        : type == typeof(decimal) ? $"({text})::numeric"
        : type == typeof(double) ? $"({text})::double precision"
        : type == typeof(DateOnly) ? $"({text})::date"
        : type == typeof(DateTime) ? $"({text})::timestamp"
        : text;

    /// <summary>Reverts a batch: restores the values it replaced and deletes the rows it created. Later batches must be reverted first.</summary>
    public async Task RevertAsync(long batchId, string user, CancellationToken ct = default)
    {
        await WriteGate.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var (connection, tx) = await BeginWriteAsync(db, ct);
            await using var _ = tx;
            var batch = await db.ImportBatches.FirstOrDefaultAsync(b => b.Id == batchId, ct)
                ?? throw new ImportRejectedException($"Import batch #{batchId} does not exist.");
            if (batch.Kind == "demo")
            {
                throw new ImportRejectedException("The demo data set cannot be reverted. Start with Dashboard:DemoData=false and an empty database instead.");
            }

            if (batch.Status == "Reverted")
            {
                throw new ImportRejectedException($"Import batch #{batchId} was already reverted on {batch.RevertedUtc:yyyy-MM-dd HH:mm} UTC.");
            }

            var later = await db.ImportBatches.Where(b => b.Id > batchId && b.Status == "Committed").OrderByDescending(b => b.Id).Select(b => b.Id).ToListAsync(ct);
            if (later.Count > 0)
            {
                throw new ImportRejectedException(
                    $"Later imports may have changed the same rows: revert batch{(later.Count > 1 ? "es" : "")} #{string.Join(", #", later)} first (newest first).");
            }

            int restored;
            if (connection is Npgsql.NpgsqlConnection pg)
            {
                restored = await RestorePostgresAsync(db, pg, (Npgsql.NpgsqlTransaction)tx, batchId, ct);
            }
            else
            {
                var changes = await db.ImportChanges.Where(c => c.ImportBatchId == batchId).OrderByDescending(c => c.Id).ToListAsync(ct);
                foreach (var change in changes)
                {
                    var before = JsonSerializer.Deserialize<Dictionary<string, string?>>(change.BeforeJson)!;
                    await using var cmd = connection.CreateCommand();
                    cmd.Transaction = tx;
#pragma warning disable CA2100 // Table and column names come from our own ImportChanges rows, written by this class.
                    cmd.CommandText = $"UPDATE \"{change.TableName}\" SET {string.Join(", ", before.Keys.Select((k, i) => $"\"{k}\" = @p{i}"))} WHERE \"Id\" = @id";
#pragma warning restore CA2100
                    var i = 0;
                    foreach (var value in before.Values)
                    {
                        // SQLite stores what EF Core wrote, as text: the kept text goes back as it is.
                        cmd.AddParameter($"@p{i++}", value);
                    }

                    cmd.AddParameter("@id", change.RowId);
                    await cmd.ExecuteNonQueryAsync(ct);
                }

                restored = changes.Count;
            }

            foreach (var table in ChildTables.Append("Accounts"))
            {
                await using var cmd = connection.CreateCommand();
                cmd.Transaction = tx;
#pragma warning disable CA2100 // Fixed table names.
                cmd.CommandText = $"DELETE FROM \"{table}\" WHERE \"ImportBatchId\" = @b";
#pragma warning restore CA2100
                cmd.AddParameter("@b", batchId);
                await cmd.ExecuteNonQueryAsync(ct);
            }

            batch.Status = "Reverted";
            batch.RevertedUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            await DataVersion.BumpAsync(db, ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("Import batch {Batch} reverted by {User}: {Changes} values restored.", batchId, user, restored);
            await Audit.WriteAsync(user, "import.revert", $"batch #{batchId} {batch.Kind} {batch.FileName}", after: new { restoredValues = restored }, ct: CancellationToken.None);
        }
        finally
        {
            WriteGate.Release();
        }
    }

    /// <summary>Required columns a CSV's header lacks (reads the header only); empty for .xlsx, which is checked when read.</summary>
    public static IReadOnlyList<string> MissingColumns(ImportKind kind, Stream file, IReadOnlyDictionary<string, string>? mapping = null) =>
        XlsxSource.IsXlsx(file) ? [] : CsvSource.Open(file, kind, mapping).MissingColumns;

    /// <summary>The column mapping an admin last used for a kind, if any.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> LastMappingAsync(ImportKind kind, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.StoreMeta.AsNoTracking().FirstOrDefaultAsync(m => m.Key == MappingKey(kind), ct);
        return row is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(row.Value);
    }

    public async Task SaveMappingAsync(ImportKind kind, IReadOnlyDictionary<string, string> mapping, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await StoreMetaValues.SetAsync(db, MappingKey(kind), JsonSerializer.Serialize(mapping), ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Opens the context's connection and a transaction that EF commands on the same context also use.</summary>
    /// <summary>
    /// Opens the write transaction. Writers in this process queue on <see cref="WriteGate"/>; on PostgreSQL, where several
    /// app instances may share the database, a transaction-scoped advisory lock also queues writers of other instances.
    /// </summary>
    private static async Task<(System.Data.Common.DbConnection Connection, System.Data.Common.DbTransaction Transaction)> BeginWriteAsync(DashboardDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var tx = await connection.BeginTransactionAsync(ct);
        db.Database.UseTransaction(tx);
        if (connection is Npgsql.NpgsqlConnection pg)
        {
            await using var cmd = new Npgsql.NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", pg, (Npgsql.NpgsqlTransaction)tx);
            cmd.Parameters.AddWithValue("key", WriteLockKey);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        return (connection, tx);
    }

    /// <summary>The advisory lock every importing instance takes on PostgreSQL ("ExpDash" in ASCII).</summary>
    private const long WriteLockKey = 0x45787044617368;

    private static string MappingKey(ImportKind kind) => "import_mapping:" + ImportSchemas.Slug(kind);

    private static async Task RejectUnknownHealthAccountsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx, ParsedFile parsed, CancellationToken ct)
    {
        if (parsed.Kind != ImportKind.Health || parsed.ValidCount == 0)
        {
            return;
        }

        var accounts = await ImportPlanner.LoadAccountsAsync(connection, tx, ct);
        foreach (var id in parsed.Accounts.Keys.Where(id => !accounts.ContainsKey(id)).ToList())
        {
            parsed.RejectAccount(id, $"account {id} does not exist; import it (accounts or revenue) before its health signals");
        }
    }

    /// <summary>Maps a phase's 0..1 progress onto its slice of the whole.</summary>
    private sealed class Scaled(IProgress<double> inner, double offset, double share) : IProgress<double>
    {
        public void Report(double value) => inner.Report(offset + share * Math.Clamp(value, 0, 1));
    }

    /// <summary>The stored FX rates with the reporting currency, which every revenue row is checked against.</summary>
    private async Task<ImportRules> LoadRulesAsync(DashboardDbContext db, CancellationToken ct)
    {
        var rows = await db.FxRates.AsNoTracking().Select(r => new { r.Month, r.Currency, r.Rate }).ToListAsync(ct);
        var inputs = rows.OrderBy(r => r.Month).ThenBy(r => r.Currency, StringComparer.Ordinal)
            .Select(r => new Metrics.Currency.FxRateInput(r.Month, r.Currency, r.Rate)).ToList();
        return new ImportRules(new Metrics.Currency.FxRates(ReportingCurrency, inputs)) { Inputs = inputs };
    }

    private static bool SameRates(ImportRules a, ImportRules b) => a.Inputs.SequenceEqual(b.Inputs);

    private static ImportPreview FileError(ImportKind kind, string fileName, string reason)
    {
        var issue = new ImportIssue(0, "", reason);
        return new(
            ImportSchemas.Slug(kind), Path.GetFileName(fileName), ",", [], new Dictionary<string, string>(), [], 0, 0, 0, 1, 0,
            [issue], [], [], 0, 0, 0, 0, [], [], [], [], [new IssueGroup(issue.Kind, IssueKinds.Title(issue.Kind), 1, [issue])]);
    }

    private static ImportPreview ToPreview(ParsedFile parsed, string fileName, ImportPlan? plan) => new(
        ImportSchemas.Slug(parsed.Kind),
        Path.GetFileName(fileName),
        parsed.Source.Delimiter == '\t' ? "tab" : parsed.Source.Delimiter.ToString(),
        parsed.Source.Headers,
        parsed.Source.Mapping,
        parsed.Source.MissingColumns,
        parsed.RowsRead,
        parsed.ValidCount,
        parsed.RowsRejected,
        parsed.ErrorCount,
        parsed.WarningCount,
        parsed.Errors,
        parsed.Warnings,
        parsed.FirstRows,
        (plan?.Inserts ?? 0) + (parsed.Kind == ImportKind.Accounts ? plan?.NewAccounts.Count ?? 0 : 0),
        (plan?.Updates ?? 0) + (plan?.PendingAccountUpdates.Count ?? 0),
        plan?.Unchanged ?? 0,
        plan?.NewAccounts.Count ?? 0,
        plan?.Samples ?? [],
        plan?.MrrByMonth ?? [],
        parsed.CurrencyTotals,
        parsed.WarningGroups,
        parsed.ErrorGroups,
        parsed.Horizon?.ToString());
}
