using ExpansionDashboard.Metrics.Cohorts;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Queries;

public sealed record RetentionView(
    bool HasData,
    IReadOnlyList<MonthValue> NrrT12m,
    IReadOnlyList<MonthValue> GrrT12m,
    IReadOnlyList<MonthValue> LogoT12m,
    IReadOnlyList<MonthValue> NrrMonthly);

public sealed record StageSummary(OpportunityStage Stage, int Count, decimal Amount);

public sealed record PipelineView(
    Quarter Current,
    Quarter Next,
    CoverageResult CurrentCompany,
    CoverageResult NextCompany,
    IReadOnlyList<CoverageResult> CurrentBySegment,
    IReadOnlyList<CoverageResult> NextBySegment,
    IReadOnlyList<StageSummary> OpenByStage);

public sealed record AccountRow(string Id, string Name, string Segment, string Industry, string Region, string Csm, decimal Mrr, decimal Change);

public sealed record TargetRow(string Quarter, string Segment, decimal Amount);

public sealed record OpportunityRow(string Id, string AccountId, string AccountName, string Name, string Type, string Stage, decimal Amount, DateOnly ExpectedClose, string Owner, DateOnly? Created, DateOnly? Closed);

/// <summary>The values each filter can take, for the filter bar.</summary>
public sealed record DashboardFilterOptions(IReadOnlyList<string> Months, IReadOnlyList<string> Segments, IReadOnlyList<string> Industries, IReadOnlyList<string> Regions, IReadOnlyList<string> Csms);

public sealed record StoreSummary(int Accounts, int RevenueLines, int Opportunities, int Targets, int HealthSignals, long DataVersion, IReadOnlyList<ImportBatchRow> Batches);

public sealed record ImportBatchRow(long Id, string Kind, string FileName, string CreatedBy, DateTime CreatedUtc, int RowsRead, int RowsInserted, int RowsUpdated, int RowsRejected, string Status);

/// <summary>Read-side queries for the first versions of the Retention, Cohorts, Pipeline, Accounts and Admin pages.</summary>
public sealed class PageQueries(DashboardSnapshotProvider snapshots, IDbContextFactory<DashboardDbContext> factory, TimeProvider time, Settings.ThresholdStore thresholdStore)
{
    public async Task<RetentionView> RetentionAsync(AccountFilter? filter = null, CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        return new RetentionView(
            !model.IsEmpty,
            NetRevenueRetention.Trailing12(model, filter),
            GrossRevenueRetention.Trailing12(model, filter),
            LogoRetention.Trailing12(model, filter),
            NetRevenueRetention.Monthly(model, filter));
    }

    public async Task<CohortMatrixResult> CohortsAsync(CohortGrain grain, CohortMeasure measure, CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var maxAge = grain == CohortGrain.Month ? 12 : 24;
        return CohortMatrix.Compute(model, grain, measure, maxAge);
    }

    public async Task<PipelineView> PipelineAsync(CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var bands = (await thresholdStore.GetAsync(ct)).Coverage;
        var current = Quarter.Of(DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        var next = current.AddQuarters(1);
        var segments = snap.Targets.Where(t => t.Segment is not null).Select(t => t.Segment!)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        IReadOnlyList<CoverageResult> BySegment(Quarter q) =>
            segments.Select(s => PipelineCoverage.Compute(snap.Opportunities, snap.Targets, q, s, bands)).ToList();
        var open = snap.Opportunities.Where(o => o.IsOpen && (current.Contains(o.ExpectedClose) || next.Contains(o.ExpectedClose))).ToList();
        var byStage = Enum.GetValues<OpportunityStage>().Where(s => s is not (OpportunityStage.ClosedWon or OpportunityStage.ClosedLost))
            .Select(s => new StageSummary(s, open.Count(o => o.Stage == s), open.Where(o => o.Stage == s).Sum(o => o.Amount))).ToList();
        return new PipelineView(
            current, next,
            PipelineCoverage.Compute(snap.Opportunities, snap.Targets, current, null, bands),
            PipelineCoverage.Compute(snap.Opportunities, snap.Targets, next, null, bands),
            BySegment(current), BySegment(next), byStage);
    }

    public async Task<IReadOnlyList<AccountRow>> AccountsAsync(CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        if (model.IsEmpty)
        {
            return [];
        }

        var current = Month.Of(DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        var asOf = model.LastMonth > current ? current : model.LastMonth;
        var t = model.IndexOf(asOf);
        return model.Accounts
            .Select(a => new AccountRow(a.Account.Id, a.Account.Name, a.Account.Segment, a.Account.Industry, a.Account.Region, a.Account.Csm,
                a.MrrAt(t), a.MrrAt(t) - a.MrrAt(t - 1)))
            .OrderByDescending(r => r.Mrr)
            .ToList();
    }

    public async Task<DashboardFilterOptions> FilterOptionsAsync(CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var current = Month.Of(DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        var months = model.IsEmpty ? [] : Enumerable.Range(0, model.MonthCount).Select(model.MonthAt).Where(m => m <= current).Reverse().Select(m => m.ToString()).ToList();
        List<string> Distinct(Func<AccountInput, string> pick) =>
            model.Accounts.Select(a => pick(a.Account)).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return new DashboardFilterOptions(months, Distinct(a => a.Segment), Distinct(a => a.Industry), Distinct(a => a.Region), Distinct(a => a.Csm));
    }

    public async Task<IReadOnlyList<TargetRow>> TargetsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.ExpansionTargets.AsNoTracking().Select(t => new TargetRow(t.Quarter, t.Segment, t.Amount)).ToListAsync(ct))
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
                      select new OpportunityRow(o.ExternalId, a.ExternalId, a.Name, o.Name, o.Type, o.Stage, o.Amount, o.ExpectedClose, o.Owner, o.Created, o.Closed))
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
            batches);
    }
}
