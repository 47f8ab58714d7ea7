using System.Text.Json;
using ExpansionDashboard.Data.Import.Kinds;
using ExpansionDashboard.Data.Import.Writing;
using Microsoft.Extensions.Logging;

namespace ExpansionDashboard.Data.Import;

/// <summary>
/// Imports admins' CSV exports: preview (nothing written), commit (one transaction, all or nothing, revertible)
/// and revert (restores exactly the values a batch replaced). Streams must be seekable: the web layer spools
/// uploads to a temporary file, so the file is never held in memory whole.
/// </summary>
/// <param name="snapshots">Told to load the new data as soon as a commit or revert lands, so the next page finds it ready.</param>
/// <param name="reportingCurrency">Dashboard:Currency; revenue in any other currency needs a stored FX rate (USD when not given).</param>
/// <param name="limits">The bounds uploads are read within (the host's upload size; <see cref="ImportLimits.Default"/> when not given).</param>
/// <param name="activity">Where commits report their progress and queueing (a tracker of the service's own when not given).</param>
public sealed class ImportService(
    IDbContextFactory<DashboardDbContext> factory,
    DashboardSnapshotProvider snapshots,
    TimeProvider time,
    ILogger<ImportService> logger,
    ReportingCurrency? reportingCurrency = null,
    ImportLimits? limits = null,
    ImportActivity? activity = null)
{
    private static readonly string[] ChildTables = ["OpportunityStageHistory", "RevenueLines", "Opportunities", "HealthSignals", "ExpansionTargets", "FxRates"];

    /// <summary>The reporting currency's ISO code, upper case.</summary>
    public string ReportingCurrency { get; } = Metrics.Currency.FxRates.Normalise(reportingCurrency?.Code ?? "USD");

    /// <summary>The bounds every file is read within.</summary>
    public ImportLimits Limits { get; } = limits ?? ImportLimits.Default;

    private static readonly SemaphoreSlim WriteGate = new(1, 1);

    /// <summary>The commits under way: their progress, and who waits behind whom for <see cref="WriteGate"/>.</summary>
    public ImportActivity Activity { get; } = activity ?? new ImportActivity(time);

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
                csv = XlsxSource.ToCsv(file, Limits, ct);
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
        var parsed = ParsedFile.Read(file, kind, mapping, rules, ct: ct);
        if (!parsed.Source.CanRead || parsed.ValidCount == 0)
        {
            return ToPreview(parsed, fileName, null);
        }

        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        await RejectUnknownHealthAccountsAsync(connection, null, parsed, ct);
        if (parsed.ValidCount == 0)
        {
            return ToPreview(parsed, fileName, null);
        }

        var plan = await ImportPlanner.PlanAsync(connection, null, db.Dialect, parsed, preview: true, ct);
        await plan.CountAsync(ct);
        return ToPreview(parsed, fileName, plan);
    }

    /// <summary>
    /// Commits the file in one transaction. A file with rejected rows is refused unless <paramref name="skipRejected"/>
    /// is set; then the rejected rows are listed in the batch's report. Re-importing the same file changes nothing.
    /// </summary>
    public Task<ImportOutcome> CommitAsync(
        ImportKind kind, Stream file, string fileName, string user, bool skipRejected = false,
        IReadOnlyDictionary<string, string>? mapping = null, IProgress<double>? progress = null, CancellationToken ct = default) =>
        CommitAsync(ImportSource.File, kind, file, fileName, user, skipRejected, mapping, progress, ct);

    /// <summary>Commits a file from <paramref name="source"/>, which is stored on the batch and decides how the commit is audited.</summary>
    public async Task<ImportOutcome> CommitAsync(
        ImportSource source, ImportKind kind, Stream file, string fileName, string user, bool skipRejected = false,
        IReadOnlyDictionary<string, string>? mapping = null, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        if (XlsxSource.IsXlsx(file))
        {
            Stream csv;
            try
            {
                csv = XlsxSource.ToCsv(file, Limits, ct);
            }
            catch (ImportRejectedException ex)
            {
                throw new ImportRejectedException(ex.Message, FileError(kind, fileName, ex.Message));
            }

            await using (csv)
            {
                return await CommitAsync(source, kind, csv, fileName, user, skipRejected, mapping, progress, ct);
            }
        }

        var clock = time.GetTimestamp();
        var definition = ImportKinds.Get(kind);
        using var tracked = Activity.Begin(definition.Slug, fileName, user, progress);
        var counted = new ReadCounter(file);
        tracked.Reading(counted.Progress);

        // Progress: reading and validating is the first 40 %, planning and writing the rest.
        ImportRules rules;
        await using (var rulesDb = await factory.CreateDbContextAsync(ct))
        {
            rules = await LoadRulesAsync(rulesDb, ct);
        }

        var parsed = ParsedFile.Read(counted, kind, mapping, rules, progress is null ? null : new Scaled(progress, 0, 0.4), ct);
        var parseMs = time.GetElapsedTime(clock).TotalMilliseconds;
        tracked.Waiting();
        await WriteGate.WaitAsync(ct);
        try
        {
            tracked.Writing(parsed.ValidCount);
            await using var db = await factory.CreateDbContextAsync(ct);
            var (connection, tx, store) = await BeginWriteAsync(db, ct);
            await using var _ = tx;
            using var __ = store;
            if (definition.IsRevenue && !SameRates(rules, await LoadRulesAsync(db, ct)))
            {
                // Rates changed while the file was read (another import or a revert): check the rows again against the rates now stored.
                parsed = ParsedFile.Read(file, kind, mapping, rules = await LoadRulesAsync(db, ct), ct: ct);
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
            var writer = new PlanWriter(connection, tx, store);
            var plan = await ImportPlanner.PlanAsync(connection, tx, db.Dialect, parsed, preview: false, ct);
            var planMs = time.GetElapsedTime(clock).TotalMilliseconds;

            // The plan's own counters, read when someone looks: unchanged rows count too, though they write nothing.
            tracked.Counting(() => plan.Inserts + plan.Updates + plan.Unchanged);
            var now = time.GetUtcNow().UtcDateTime;
            var batchId = await writer.ApplyAsync(plan, new BatchInfo(definition.Slug, fileName, user, now, source), parsed.ValidCount, writeProgress, tracked.Started, ct);
            var applyMs = time.GetElapsedTime(clock).TotalMilliseconds;
            tracked.Finishing();
            preview = ToPreview(parsed, fileName, plan);
            await writer.FinishAsync(batchId, plan, parsed, preview, ct);
            await definition.AfterWriteAsync(connection, tx, store, batchId, DateOnly.FromDateTime(now), ct);

            // The same snapshot again changes nothing the metrics read: the model in memory stays, and the Overview after
            // it answers at once instead of reloading every line. A batch that also moves the horizon later still counts.
            if (await WroteAnythingAsync(connection, tx, batchId, ct) || await RaisesHorizonAsync(connection, tx, batchId, parsed.Horizon, ct))
            {
                await DataVersion.BumpAsync(db, ct);
            }

            progress?.Report(1.0);
            var finishMs = time.GetElapsedTime(clock).TotalMilliseconds;
            await tx.CommitAsync(ct);
            store.Committed();

            // Cumulative marks, so a slow import shows which step grew: planning (the diff against the store), writing the
            // rows, finishing (batch record, audit, after-write work) or the commit itself.
            logger.LogInformation(
                "Import timings: parse and validate {Parse:N0} ms, plan and write {Write:N0} ms (plan {Plan:N0}, write rows by {Apply:N0}, finish by {Finish:N0}, commit by the end).",
                parseMs, time.GetElapsedTime(clock).TotalMilliseconds, planMs, applyMs, finishMs);
            logger.LogInformation("Import batch {Batch} ({Kind}, {File}) by {User}: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected.",
                batchId, definition.Slug, fileName, user, plan.Inserts, plan.Updates, plan.Unchanged, parsed.RowsRejected);
            var outcome = new ImportOutcome(batchId, definition.Slug, preview.Counts, preview);

            // Form edits are audited by the form with their before/after values; files as imports.
            if (source != ImportSource.Form)
            {
                await Audit.WriteAsync(user, "import.commit", $"batch #{batchId} {definition.Slug} {fileName}", after: new
                {
                    outcome.RowsRead,
                    outcome.Inserted,
                    outcome.Updated,
                    outcome.Unchanged,
                    outcome.Rejected,
                    outcome.NewAccounts,
                }, ct: CancellationToken.None);
            }

            // After the audit entry: on a store in rollback-journal mode a background read would hold that write up.
            snapshots.Prefetch();
            return outcome;
        }
        finally
        {
            WriteGate.Release();
        }
    }

    /// <summary>Reverts a batch: restores the values it replaced and deletes the rows it created. Later batches must be reverted first.</summary>
    public async Task RevertAsync(long batchId, string user, CancellationToken ct = default)
    {
        // Tracked like an import, so an import queued behind it says what it waits for.
        using var tracked = Activity.Begin(ImportActivity.RevertKind, $"batch #{batchId}", user);
        tracked.Started(batchId);
        tracked.Waiting();
        await WriteGate.WaitAsync(ct);
        try
        {
            tracked.Writing(0);
            await using var db = await factory.CreateDbContextAsync(ct);
            var (connection, tx, store) = await BeginWriteAsync(db, ct);
            await using var _ = tx;
            using var __ = store;
            var batch = await db.ImportBatches.FirstOrDefaultAsync(b => b.Id == batchId, ct)
                ?? throw new ImportRejectedException($"Import batch #{batchId} does not exist.");
            if (batch.Source == ImportSource.Demo || batch.Kind == Demo.DemoData.BatchKind)
            {
                throw new ImportRejectedException("The demo data set cannot be reverted. Start with Dashboard:DemoData=false and an empty database instead.");
            }

            if (batch.Status == ImportBatchStatus.Reverted)
            {
                throw new ImportRejectedException($"Import batch #{batchId} was already reverted on {batch.RevertedUtc:yyyy-MM-dd HH:mm} UTC.");
            }

            // A later import that wrote nothing (the same file again) cannot have touched the same rows: it does not
            // stand in the way. Any row, kept change or account it tagged does.
            var candidates = await db.ImportBatches.Where(b => b.Id > batchId && b.Status == ImportBatchStatus.Committed).OrderByDescending(b => b.Id).Select(b => b.Id).ToListAsync(ct);
            var later = new List<long>(candidates.Count);
            foreach (var id in candidates)
            {
                if (await WroteAnythingAsync(connection, tx, id, ct))
                {
                    later.Add(id);
                }
            }

            if (later.Count > 0)
            {
                throw new ImportRejectedException(
                    $"Later imports may have changed the same rows: revert batch{(later.Count > 1 ? "es" : "")} #{string.Join(", #", later)} first (newest first).");
            }

            var restored = await store.RestoreAsync(batchId, ct);
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

            batch.Status = ImportBatchStatus.Reverted;
            batch.RevertedUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            await DataVersion.BumpAsync(db, ct);
            await tx.CommitAsync(ct);
            store.Committed();
            logger.LogInformation("Import batch {Batch} reverted by {User}: {Changes} values restored.", batchId, user, restored);
            await Audit.WriteAsync(user, "import.revert", $"batch #{batchId} {batch.Kind} {batch.FileName}", after: new { restoredValues = restored }, ct: CancellationToken.None);
            snapshots.Prefetch();
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

    /// <summary>
    /// Opens the write transaction (one that EF commands on the same context also use). Writers in this process queue on
    /// <see cref="WriteGate"/>; the store writer also queues writers of other instances where several can share the database.
    /// </summary>
    private static async Task<(System.Data.Common.DbConnection Connection, System.Data.Common.DbTransaction Transaction, IStoreWriter Store)> BeginWriteAsync(
        DashboardDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var tx = await connection.BeginTransactionAsync(ct);
        db.Database.UseTransaction(tx);
        var store = StoreWriters.For(db, connection, tx);
        await store.LockAsync(ct);
        return (connection, tx, store);
    }

    /// <summary>Whether a batch's horizon is later than every other committed batch's (so the model would end later).</summary>
    private static async Task<bool> RaisesHorizonAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, long batchId, Month? horizon, CancellationToken ct)
    {
        if (horizon is not { } h)
        {
            return false;
        }

        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT MAX(\"HorizonMonth\") FROM \"ImportBatches\" WHERE \"Status\" = @committed AND \"Id\" <> @b";
        cmd.AddParameter("@committed", nameof(ImportBatchStatus.Committed));
        cmd.AddParameter("@b", batchId);
        var stored = await cmd.ExecuteScalarAsync(ct);
        return stored is null or DBNull || Month.Of(StoredValues.ReadDateValue(stored)) < h;
    }

    /// <summary>Whether a batch left anything in the store: a row of any table it tags, or a kept change.</summary>
    private static async Task<bool> WroteAnythingAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, long batchId, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
#pragma warning disable CA2100 // Fixed table names.
        cmd.CommandText = "SELECT " + string.Join(" OR ", ChildTables.Append("Accounts").Append("ImportChanges")
            .Select(t => $"EXISTS (SELECT 1 FROM \"{t}\" WHERE \"ImportBatchId\" = @b)"));
#pragma warning restore CA2100
        cmd.AddParameter("@b", batchId);
        return Convert.ToBoolean(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static string MappingKey(ImportKind kind) => "import_mapping:" + ImportKinds.Get(kind).Slug;

    private static async Task RejectUnknownHealthAccountsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx, ParsedFile parsed, CancellationToken ct)
    {
        if (parsed.Definition.Accounts != AccountUse.MustExist || parsed.ValidCount == 0)
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
            ImportKinds.Get(kind).Slug, Path.GetFileName(fileName), ",", [], new Dictionary<string, string>(), [], 0, 0, 0, 1, 0,
            [issue], [], [], 0, 0, 0, 0, [], [], [], [], [new IssueGroup(issue.Kind, IssueKinds.Title(issue.Kind), 1, [issue])]);
    }

    private static ImportPreview ToPreview(ParsedFile parsed, string fileName, ImportPlan? plan) => new(
        parsed.Definition.Slug,
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
        (plan?.Inserts ?? 0) + (parsed.Definition.Accounts == AccountUse.IsAccounts ? plan?.NewAccounts.Count ?? 0 : 0),
        plan?.Updates ?? 0,
        plan?.Unchanged ?? 0,
        plan?.NewAccounts.Count ?? 0,
        plan?.Samples ?? [],
        plan?.MrrByMonth ?? [],
        parsed.CurrencyTotals,
        parsed.WarningGroups,
        parsed.ErrorGroups,
        parsed.Horizon?.ToString());
}
