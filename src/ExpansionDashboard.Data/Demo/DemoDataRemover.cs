using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace ExpansionDashboard.Data.Demo;

/// <summary>Whether a store holds the demo data set, and how much of it.</summary>
/// <param name="Present">A demo batch exists.</param>
/// <param name="Accounts">Accounts the demo created that are still the demo's.</param>
/// <param name="LoadedUtc">When the demo was loaded.</param>
/// <param name="RemovedUtc">When an admin removed it, if so.</param>
/// <param name="RealBatches">Committed imports other than the demo.</param>
public sealed record DemoDataStatus(bool Present, int Accounts, DateTime? LoadedUtc, DateTime? RemovedUtc, int RealBatches);

/// <summary>What a removal deleted and kept.</summary>
/// <param name="WasPresent">Whether there was demo data to remove (false: a repeated call, nothing changed).</param>
/// <param name="Accounts">Demo accounts deleted.</param>
/// <param name="RevenueLines">Demo revenue lines deleted.</param>
/// <param name="Opportunities">Demo opportunities deleted.</param>
/// <param name="StageObservations">Demo stage-history rows deleted.</param>
/// <param name="HealthSignals">Demo health signals deleted.</param>
/// <param name="Targets">Demo expansion targets deleted.</param>
/// <param name="Batches">Demo import batches deleted.</param>
/// <param name="AccountsKept">Demo accounts kept because real imported rows belong to them (now owned by that import).</param>
/// <param name="RowsKept">Demo rows kept because a real import wrote their values (now owned by that import).</param>
/// <param name="UsersRemoved">Demo users deleted.</param>
/// <param name="UserKept">The demo user who asked for the removal, kept so they are not signed out mid-action; null when none.</param>
public sealed record DemoRemovalResult(
    bool WasPresent, int Accounts, int RevenueLines, int Opportunities, int StageObservations, int HealthSignals, int Targets, int Batches,
    int AccountsKept, int RowsKept, IReadOnlyList<string> UsersRemoved, string? UserKept);

/// <summary>
/// Removes the demo data set from a store that also holds (or will hold) real data, in one transaction, audited.
/// </summary>
/// <remarks>
/// The rule that keeps every real row: the store is left as though the demo had never been loaded and the real imports
/// had run on an empty store.
/// <list type="bullet">
/// <item>A demo row (revenue line, opportunity, health signal, target, account) whose values a committed real import
/// overwrote — the import kept its demo values in ImportChanges — holds real data now: it stays, and is handed to the
/// earliest such import (its ImportBatchId), so reverting that import removes it, as if it had created it.</item>
/// <item>A demo account that real rows belong to stays, handed to the earliest import among them. Unless a real
/// accounts import wrote its attributes, they are reset to what an import creates for an unknown account (name = the
/// account id, no segment, industry, region or CSM): the demo's invented name and segment are not real.</item>
/// <item>Everything else of the demo batch is deleted, with the demo's generated stage history. An opportunity kept
/// as real keeps one stage observation (its current stage, as its importing batch would have recorded it).</item>
/// <item>The demo users are deleted, except the user who asks (they would be signed out mid-action, and may be the
/// only admin): that one is named in the result so the page can say so.</item>
/// </list>
/// A removal marks the store (StoreMeta <see cref="DemoData.RemovedKey"/>) so the demo is never seeded into it again.
/// Calling it again removes nothing and reports <see cref="DemoRemovalResult.WasPresent"/> false.
/// </remarks>
public sealed class DemoDataRemover(IDbContextFactory<DashboardDbContext> factory, TimeProvider time, ILogger<DemoDataRemover> logger)
{
    /// <summary>The advisory lock every importer takes on PostgreSQL (the same key as the import service's), so a removal never interleaves with an import.</summary>
    private const long WriteLockKey = 0x45787044617368;

    /// <summary>Whether the store holds the demo.</summary>
    public async Task<DemoDataStatus> GetStatusAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var batches = await DemoData.Batches(db).AsNoTracking().Select(b => new { b.Id, b.CreatedUtc }).ToListAsync(ct);
        var ids = batches.Select(b => (long?)b.Id).ToList();
        var accounts = ids.Count == 0 ? 0 : await db.Accounts.CountAsync(a => ids.Contains(a.ImportBatchId), ct);
        var removed = await StoreMetaValues.GetAsync(db, DemoData.RemovedKey, ct);
        var real = await db.ImportBatches.CountAsync(b => b.Kind != DemoData.BatchKind && b.Status == ImportBatchStatus.Committed, ct);
        return new DemoDataStatus(
            batches.Count > 0, accounts, batches.Count == 0 ? null : batches.Min(b => b.CreatedUtc),
            removed is null ? null : DateTime.Parse(removed, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind),
            real);
    }

    /// <summary>Removes the demo rows and demo users (see the class remarks for what stays).</summary>
    /// <param name="actor">Who asks (an e-mail or an API key's name), for the audit trail; a demo user who asks is kept.</param>
    /// <param name="demoUserEmails">The demo users' e-mail addresses.</param>
    /// <param name="ct">Cancels before the commit.</param>
    public async Task<DemoRemovalResult> RemoveAsync(string actor, IReadOnlyCollection<string> demoUserEmails, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(demoUserEmails);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Dialect.AcquireWriteLockAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), WriteLockKey, ct);

        var demo = await DemoData.Batches(db).Select(b => (long?)b.Id).ToListAsync(ct);
        var realBatches = await db.ImportBatches.Where(b => b.Kind != DemoData.BatchKind && b.Status == ImportBatchStatus.Committed)
            .Select(b => new { b.Id, b.CreatedUtc }).ToDictionaryAsync(b => b.Id, b => b.CreatedUtc, ct);
        var real = realBatches.Keys.ToList();

        var kept = 0;
        int accountsKept = 0, revenue = 0, opportunities = 0, stages = 0, health = 0, targets = 0, accounts = 0, batches = 0;
        if (demo.Count > 0)
        {
            // Demo rows a real import overwrote: handed to the earliest such import.
            var adoptedRevenue = await AdoptedAsync(db, "RevenueLines", db.RevenueLines.Where(r => demo.Contains(r.ImportBatchId)).Select(r => (long)r.Id), real, ct);
            kept += await HandOverAsync(adoptedRevenue, (ids, batch) => db.RevenueLines.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.ImportBatchId, batch), ct));
            var adoptedOpps = await AdoptedAsync(db, "Opportunities", db.Opportunities.Where(o => demo.Contains(o.ImportBatchId)).Select(o => (long)o.Id), real, ct);
            kept += await HandOverAsync(adoptedOpps, (ids, batch) => db.Opportunities.Where(o => ids.Contains((long)o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.ImportBatchId, batch), ct));
            var adoptedHealth = await AdoptedAsync(db, "HealthSignals", db.HealthSignals.Where(h => demo.Contains(h.ImportBatchId)).Select(h => (long)h.Id), real, ct);
            kept += await HandOverAsync(adoptedHealth, (ids, batch) => db.HealthSignals.Where(h => ids.Contains(h.Id)).ExecuteUpdateAsync(s => s.SetProperty(h => h.ImportBatchId, batch), ct));
            var adoptedTargets = await AdoptedAsync(db, "ExpansionTargets", db.ExpansionTargets.Where(t => demo.Contains(t.ImportBatchId)).Select(t => (long)t.Id), real, ct);
            kept += await HandOverAsync(adoptedTargets, (ids, batch) => db.ExpansionTargets.Where(t => ids.Contains((long)t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.ImportBatchId, batch), ct));

            // Demo accounts a real accounts import wrote keep their (real) attributes; those that only real rows hang
            // off are reset to what an import creates for an unknown account.
            var writtenAccounts = await AdoptedAsync(db, "Accounts", db.Accounts.Where(a => demo.Contains(a.ImportBatchId)).Select(a => (long)a.Id), real, ct);
            var owners = new Dictionary<long, long?>();
            foreach (var (id, batch) in writtenAccounts)
            {
                owners[id] = batch;
            }

            var demoAccounts = db.Accounts.Where(a => demo.Contains(a.ImportBatchId)).Select(a => a.Id);
            var referencing = await db.RevenueLines.Where(r => demoAccounts.Contains(r.AccountId) && !demo.Contains(r.ImportBatchId)).Select(r => new { r.AccountId, r.ImportBatchId })
                .Concat(db.Opportunities.Where(o => demoAccounts.Contains(o.AccountId) && !demo.Contains(o.ImportBatchId)).Select(o => new { o.AccountId, o.ImportBatchId }))
                .Concat(db.HealthSignals.Where(h => demoAccounts.Contains(h.AccountId) && !demo.Contains(h.ImportBatchId)).Select(h => new { h.AccountId, h.ImportBatchId }))
                .Distinct().ToListAsync(ct);
            foreach (var r in referencing)
            {
                owners[r.AccountId] = owners.TryGetValue(r.AccountId, out var b) ? Earliest(b, r.ImportBatchId) : r.ImportBatchId;
            }

            var resetIds = owners.Keys.Except(writtenAccounts.Select(w => w.Id)).Select(id => (int)id).ToList();
            await db.Accounts.Where(a => resetIds.Contains(a.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Name, a => a.ExternalId).SetProperty(a => a.Segment, "").SetProperty(a => a.Industry, "")
                .SetProperty(a => a.Region, "").SetProperty(a => a.Csm, ""), ct);
            accountsKept = await HandOverAsync(
                owners.Select(o => (o.Key, o.Value)).ToList(),
                (ids, batch) => db.Accounts.Where(a => ids.Contains((long)a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.ImportBatchId, batch), ct));

            // The demo's generated stage history goes (also on kept deals, whose demo progression never happened), and
            // with it any observation recorded on a demo deal that is deleted.
            var doomedOpps = db.Opportunities.Where(o => demo.Contains(o.ImportBatchId)).Select(o => o.Id);
            stages = await db.OpportunityStageHistory.Where(h => demo.Contains(h.ImportBatchId) || doomedOpps.Contains(h.OpportunityId)).ExecuteDeleteAsync(ct);
            await RecordCurrentStagesAsync(db, adoptedOpps, realBatches, ct);

            revenue = await db.RevenueLines.Where(r => demo.Contains(r.ImportBatchId)).ExecuteDeleteAsync(ct);
            health = await db.HealthSignals.Where(h => demo.Contains(h.ImportBatchId)).ExecuteDeleteAsync(ct);
            opportunities = await db.Opportunities.Where(o => demo.Contains(o.ImportBatchId)).ExecuteDeleteAsync(ct);
            targets = await db.ExpansionTargets.Where(t => demo.Contains(t.ImportBatchId)).ExecuteDeleteAsync(ct);
            accounts = await db.Accounts.Where(a => demo.Contains(a.ImportBatchId)).ExecuteDeleteAsync(ct);
            batches = await DemoData.Batches(db).ExecuteDeleteAsync(ct);
            await StoreMetaValues.SetAsync(db, DemoData.RemovedKey, now.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ct);
            await db.SaveChangesAsync(ct);
            await DataVersion.BumpAsync(db, ct);
        }

        var (removedUsers, keptUser) = await RemoveUsersAsync(db, actor, demoUserEmails, ct);
        await tx.CommitAsync(ct);

        var result = new DemoRemovalResult(demo.Count > 0, accounts, revenue, opportunities, stages, health, targets, batches, accountsKept, kept, removedUsers, keptUser);
        if (result.WasPresent || removedUsers.Count > 0)
        {
            logger.LogWarning(
                "Demo data removed by {Actor}: {Accounts} accounts, {Revenue} revenue lines, {Opportunities} opportunities, {Health} health signals, {Targets} targets; " +
                "{AccountsKept} accounts and {RowsKept} rows kept as real; users removed: {Users}.",
                actor, accounts, revenue, opportunities, health, targets, accountsKept, kept, string.Join(", ", removedUsers));
            await new Audit.AuditLog(factory, time).WriteAsync(actor, "demo.remove", "demo data set", after: result, ct: CancellationToken.None);
        }

        return result;
    }

    /// <summary>Rows of <paramref name="table"/> among <paramref name="candidates"/> that a committed real batch changed, with the earliest such batch.</summary>
    private static async Task<List<(long Id, long? Batch)>> AdoptedAsync(DashboardDbContext db, string table, IQueryable<long> candidates, List<long> real, CancellationToken ct)
    {
        if (real.Count == 0)
        {
            return [];
        }

        var rows = await db.ImportChanges.Where(c => c.TableName == table && real.Contains(c.ImportBatchId) && candidates.Contains(c.RowId))
            .GroupBy(c => c.RowId).Select(g => new { Id = g.Key, Batch = g.Min(c => c.ImportBatchId) }).ToListAsync(ct);
        return rows.Select(r => (r.Id, (long?)r.Batch)).ToList();
    }

    /// <summary>Sets each row's owning batch, one statement per batch; returns how many rows.</summary>
    private static async Task<int> HandOverAsync(IReadOnlyList<(long Id, long? Batch)> rows, Func<List<long>, long?, Task<int>> update)
    {
        var total = 0;
        foreach (var group in rows.GroupBy(r => r.Batch))
        {
            foreach (var chunk in group.Select(r => r.Id).Chunk(500))
            {
                total += await update([.. chunk], group.Key);
            }
        }

        return total;
    }

    /// <summary>The earlier of two owning batches; a row without a batch (null) is never reverted away, so null wins.</summary>
    private static long? Earliest(long? a, long? b) => a is null || b is null ? null : Math.Min(a.Value, b.Value);

    /// <summary>
    /// A kept deal whose only stage history was the demo's gets the observation its importing batch would have written
    /// on an empty store: its current stage, on its closed date when closed by then, else on the import's day.
    /// </summary>
    private static async Task RecordCurrentStagesAsync(DashboardDbContext db, List<(long Id, long? Batch)> adopted, Dictionary<long, DateTime> batches, CancellationToken ct)
    {
        if (adopted.Count == 0)
        {
            return;
        }

        var ids = adopted.Select(a => (int)a.Id).ToList();
        var withHistory = (await db.OpportunityStageHistory.Where(h => ids.Contains(h.OpportunityId)).Select(h => h.OpportunityId).Distinct().ToListAsync(ct)).ToHashSet();
        var deals = await db.Opportunities.Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.Stage, o.Closed }).ToListAsync(ct);
        foreach (var (id, batch) in adopted.Where(a => !withHistory.Contains((int)a.Id)))
        {
            var deal = deals.Single(d => d.Id == id);
            var day = DateOnly.FromDateTime(batch is { } b && batches.TryGetValue(b, out var created) ? created : DateTime.UtcNow);
            var closed = deal.Stage is Metrics.Pipeline.OpportunityStage.ClosedWon or Metrics.Pipeline.OpportunityStage.ClosedLost && deal.Closed is { } c && c <= day;
            db.OpportunityStageHistory.Add(new OpportunityStageObservation { OpportunityId = deal.Id, Stage = deal.Stage, SeenOn = closed ? deal.Closed!.Value : day, ImportBatchId = batch });
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task<(List<string> Removed, string? Kept)> RemoveUsersAsync(DashboardDbContext db, string actor, IReadOnlyCollection<string> emails, CancellationToken ct)
    {
        var normalized = emails.Select(e => e.ToUpperInvariant()).ToList();
        var users = await db.Users.Where(u => u.NormalizedEmail != null && normalized.Contains(u.NormalizedEmail)).ToListAsync(ct);
        var kept = users.FirstOrDefault(u => string.Equals(u.Email, actor, StringComparison.OrdinalIgnoreCase) || string.Equals(u.UserName, actor, StringComparison.OrdinalIgnoreCase));
        var removed = users.Where(u => u != kept).ToList();
        db.Users.RemoveRange(removed);
        await db.SaveChangesAsync(ct);
        return (removed.Select(u => u.Email ?? u.UserName ?? u.Id).OrderBy(e => e, StringComparer.Ordinal).ToList(), kept?.Email);
    }
}
