namespace ExpansionDashboard.Data.Admin;

/// <summary>Admin's read side: what the store holds (counts, versions, horizon, recent imports) and the lists the edit forms pick from.</summary>
public sealed class AdminQuery(DashboardSnapshotProvider snapshots, IDbContextFactory<DashboardDbContext> factory, TimeProvider time)
{
    public async Task<IReadOnlyList<TargetRow>> TargetsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.ExpansionTargets.AsNoTracking().ToListAsync(ct))
            .Select(t => new TargetRow(t.Quarter.ToString(), t.Scope.Segment ?? "", t.Amount))
            .OrderByDescending(t => t.Quarter, StringComparer.Ordinal).ThenBy(t => t.Segment, StringComparer.Ordinal).ToList();
    }

    /// <summary>Opportunities expected to close from the start of the previous quarter on, newest close first.</summary>
    public async Task<IReadOnlyList<OpportunityRow>> OpportunitiesAsync(CancellationToken ct = default)
    {
        var since = Quarter.Of(DateOnly.FromDateTime(time.GetLocalNow().DateTime)).AddQuarters(-1).FirstDay;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await (from o in db.Opportunities.AsNoTracking()
                      join a in db.Accounts.AsNoTracking() on o.AccountId equals a.Id
                      where o.ExpectedClose >= since
                      orderby o.ExpectedClose
                      select new OpportunityRow(o.ExternalId, a.ExternalId, a.Name, o.Name, o.Type.ToString(), o.Stage.ToString(), o.Amount, o.ExpectedClose, o.Owner, o.Created, o.Closed))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<string>> AccountIdsAsync(string? search, int take = 20, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Accounts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            q = q.Where(a => a.ExternalId.Contains(search) || a.Name.Contains(search));
        }

        return await q.OrderBy(a => a.ExternalId).Select(a => a.ExternalId).Take(take).ToListAsync(ct);
    }

    public async Task<StoreSummary> StoreSummaryAsync(CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var batches = await db.ImportBatches.AsNoTracking()
            .OrderByDescending(b => b.Id).Take(20)
            .Select(b => new ImportBatchRow(b.Id, b.Kind, b.FileName, b.CreatedBy, b.CreatedUtc, b.RowsRead, b.RowsInserted, b.RowsUpdated, b.RowsRejected, b.Status))
            .ToListAsync(ct);
        return new StoreSummary(
            await db.Accounts.CountAsync(ct),
            await db.RevenueLines.CountAsync(ct),
            await db.Opportunities.CountAsync(ct),
            await db.ExpansionTargets.CountAsync(ct),
            await db.HealthSignals.CountAsync(ct),
            await DataVersion.GetAsync(db, ct),
            batches)
        {
            Database = db.Dialect.DisplayName,
            Horizon = snap.Horizon,
            HorizonSetBy = snap.HorizonSetBy,
            FxRates = await db.FxRates.CountAsync(ct),
        };
    }
}
