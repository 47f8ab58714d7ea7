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
    IReadOnlyList<MonthValue> NrrMonthly,
    IReadOnlyList<Metrics.Movements.MonthMovements> Movements,
    NrrBridgeResult? Bridge,
    IReadOnlyDictionary<Dimension, IReadOnlyList<GroupRetention>> Breakdown);

/// <summary>One account of a cohort at an age: what it paid in its first month and k months later.</summary>
public sealed record CohortAccountRow(string AccountId, string Name, string Segment, string FirstPaid, decimal StartMrr, decimal MrrAtAge);

public sealed record AccountMonthMovement(Month Month, Metrics.Movements.MovementKind Kind, decimal Previous, decimal Current);

/// <summary>One month's health score of an account with every factor's contribution (the explanation).</summary>
public sealed record AccountHealthRow(Month Month, decimal Score, Metrics.Health.HealthBand Band, string LowestFactor, double? PlanLimitUtilisation,
    IReadOnlyList<Metrics.Health.HealthFactor> Factors);

/// <summary>Everything the account page shows, from the metric model and the store.</summary>
public sealed record AccountDetailView(
    AccountInput Account,
    decimal CurrentMrr,
    IReadOnlyList<string> Months,
    IReadOnlyList<(string Product, IReadOnlyList<decimal?> Mrr)> ByProduct,
    IReadOnlyList<AccountMonthMovement> Movements,
    IReadOnlyList<OpportunityInput> Opportunities,
    IReadOnlyList<AccountHealthRow> Health);

public sealed record StageSummary(OpportunityStage Stage, int Count, decimal Amount);

public sealed record PipelineView(
    Quarter Current,
    Quarter Next,
    CoverageResult CurrentCompany,
    CoverageResult NextCompany,
    IReadOnlyList<CoverageResult> CurrentBySegment,
    IReadOnlyList<CoverageResult> NextBySegment,
    IReadOnlyList<StageSummary> OpenByStage,
    decimal WeightedCurrent,
    WinRateResult WinRate,
    decimal OnTrackMultiple,
    IReadOnlyList<OpenOpportunityRow> OpenOpportunities,
    IReadOnlyList<ExpansionCandidateRow> Candidates,
    IReadOnlyList<OwnerPipeline> ByOwner);

public sealed record OpenOpportunityRow(string Id, string AccountName, string Name, OpportunityType Type, OpportunityStage Stage, decimal Amount, DateOnly ExpectedClose, string Owner);

/// <summary>An account worth an expansion conversation, and why.</summary>
public sealed record ExpansionCandidateRow(string AccountId, string AccountName, string Segment, decimal Mrr, decimal? HealthScore, double? PlanLimitUtilisation, string Reason);

/// <summary>One account in the grid; <see cref="Health"/> is its latest score (0–100) on or before the as-of month, null without signals.</summary>
public sealed record AccountRow(string Id, string Name, string Segment, string Industry, string Region, string Csm, decimal Mrr, decimal Change,
    decimal? Health = null, Metrics.Health.HealthBand? HealthBand = null);

public sealed record TargetRow(string Quarter, string Segment, decimal Amount);

public sealed record OpportunityRow(string Id, string AccountId, string AccountName, string Name, string Type, string Stage, decimal Amount, DateOnly ExpectedClose, string Owner, DateOnly? Created, DateOnly? Closed);

/// <summary>The values each filter can take, for the filter bar.</summary>
public sealed record DashboardFilterOptions(IReadOnlyList<string> Months, IReadOnlyList<string> Segments, IReadOnlyList<string> Industries, IReadOnlyList<string> Regions, IReadOnlyList<string> Csms);

public sealed record StoreSummary(int Accounts, int RevenueLines, int Opportunities, int Targets, int HealthSignals, long DataVersion, IReadOnlyList<ImportBatchRow> Batches)
{
    /// <summary>"SQLite" or "PostgreSQL".</summary>
    public string Database { get; init; } = "SQLite";

    /// <summary>The data's horizon ("Latest" on every page), null without revenue.</summary>
    public Month? Horizon { get; init; }

    /// <summary>The import that set the horizon; null when it was derived from the revenue rows.</summary>
    public HorizonSource? HorizonSetBy { get; init; }

    /// <summary>FX rates stored (month × currency).</summary>
    public int FxRates { get; init; }
}

public sealed record ImportBatchRow(long Id, string Kind, string FileName, string CreatedBy, DateTime CreatedUtc, int RowsRead, int RowsInserted, int RowsUpdated, int RowsRejected, string Status);

/// <summary>Read-side queries for the first versions of the Retention, Cohorts, Pipeline, Accounts and Admin pages.</summary>
public sealed class PageQueries(DashboardSnapshotProvider snapshots, IDbContextFactory<DashboardDbContext> factory, TimeProvider time, Settings.ThresholdStore thresholdStore)
{
    /// <param name="filter">Group filter; membership is taken at the start of each window.</param>
    /// <param name="asOfMonth">The last month shown; null for the latest month with data.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<RetentionView> RetentionAsync(AccountFilter? filter = null, Month? asOfMonth = null, CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var asOf = AsOfMonth.Of(model, time, asOfMonth);
        var hasWindow = !model.IsEmpty && model.IndexOf(asOf.AddMonths(-12)) >= 0 && model.IndexOf(asOf) >= 0;
        var breakdown = new Dictionary<Dimension, IReadOnlyList<GroupRetention>>();
        if (hasWindow)
        {
            foreach (var d in new[] { Dimension.Segment, Dimension.Industry, Dimension.Region, Dimension.Csm })
            {
                breakdown[d] = RetentionBreakdown.Compute(model, asOf.AddMonths(-12), asOf, d, filter);
            }
        }

        static IReadOnlyList<MonthValue> Upto(IReadOnlyList<MonthValue> series, Month last) => series.Where(p => p.Month <= last).ToList();
        return new RetentionView(
            !model.IsEmpty,
            Upto(NetRevenueRetention.Trailing12(model, filter), asOf),
            Upto(GrossRevenueRetention.Trailing12(model, filter), asOf),
            Upto(LogoRetention.Trailing12(model, filter), asOf),
            Upto(NetRevenueRetention.Monthly(model, filter), asOf),
            Metrics.Movements.MrrMovements.Compute(model, filter).Where(m => m.Month <= asOf).TakeLast(24).ToList(),
            hasWindow ? NrrBridge.Compute(model, asOf.AddMonths(-12), asOf, filter) : null,
            breakdown);
    }

    /// <summary>
    /// The cohort heatmap: every cohort, with ages up to the data's span (from the oldest cohort's first month to the
    /// as-of month). A null cell is an age no member had reached by then: past the data's end.
    /// </summary>
    /// <param name="grain">Period of first payment (used when <paramref name="by"/> is first-paid).</param>
    /// <param name="measure">Revenue or logos.</param>
    /// <param name="filter">Group filter, membership at first payment.</param>
    /// <param name="by">Rows by first-paid period, segment or industry.</param>
    /// <param name="asOfMonth">Hide everything after this month; null for the latest month.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<CohortMatrixResult> CohortsAsync(
        CohortGrain grain, CohortMeasure measure, AccountFilter? filter = null, CohortDimension by = CohortDimension.FirstPaid, Month? asOfMonth = null, CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var through = AsOfMonth.Of(model, time, asOfMonth);
        var last = model.IsEmpty || through < model.FirstMonth ? 0 : Math.Min(model.MonthCount - 1, through - model.FirstMonth);
        return TrimUnreachedAges(CohortMatrix.Compute(model, grain, measure, Math.Max(0, last), filter, by, through));
    }

    /// <summary>Drops the trailing ages no cohort has reached (a filter can leave only young cohorts).</summary>
    private static CohortMatrixResult TrimUnreachedAges(CohortMatrixResult m)
    {
        var lastReached = m.Rows.Count == 0 ? 0 : m.Rows.Max(r => LastIndexWithValue(r.Cells));
        if (lastReached >= m.MaxAge)
        {
            return m;
        }

        var n = Math.Max(0, lastReached) + 1;
        return m with
        {
            Rows = m.Rows.Select(r => r with { Cells = r.Cells.Take(n).ToList() }).ToList(),
            MaxAge = n - 1,
            WeightedAverage = m.WeightedAverage?.Take(n).ToList(),
            SimpleAverage = m.SimpleAverage?.Take(n).ToList(),
        };
    }

    private static int LastIndexWithValue(IReadOnlyList<decimal?> cells)
    {
        for (var i = cells.Count - 1; i >= 0; i--)
        {
            if (cells[i] is not null)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>One account: MRR by product for the last 24 months, its movements, opportunities and scored health; null when unknown.</summary>
    public async Task<AccountDetailView?> AccountDetailAsync(string accountId, CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var model = snap.Revenue;
        var series = model.Accounts.FirstOrDefault(a => string.Equals(a.Account.Id, accountId, StringComparison.Ordinal));
        if (series is null)
        {
            return null;
        }

        var asOf = AsOfMonth.Of(model, time);
        var t = model.IndexOf(asOf);
        var from = Math.Max(0, t - 23);
        var months = Enumerable.Range(from, Math.Max(0, t - from + 1)).ToList();
        var movements = new List<AccountMonthMovement>();
        var paidBefore = false;
        for (var i = 1; i <= t && i < series.Total.Length; i++)
        {
            paidBefore |= series.Total[i - 1] > 0;
            var kind = Metrics.Movements.MrrMovements.Classify(series.Total[i - 1], series.Total[i], paidBefore);
            if (kind != Metrics.Movements.MovementKind.None)
            {
                movements.Add(new AccountMonthMovement(model.MonthAt(i), kind, series.Total[i - 1], series.Total[i]));
            }
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var signals = await (from h in db.HealthSignals.AsNoTracking()
                             join a in db.Accounts.AsNoTracking() on h.AccountId equals a.Id
                             where a.ExternalId == accountId
                             orderby h.Month descending
                             select h).Take(13).ToListAsync(ct);
        var weights = await Settings.HealthWeightsStore.ReadAsync(db, ct);
        var health = new List<AccountHealthRow>();
        for (var i = 0; i < Math.Min(12, signals.Count); i++)
        {
            var h = signals[i];
            var previous = i + 1 < signals.Count ? signals[i + 1].ActiveUsers : null;
            var score = Metrics.Health.HealthScore.Compute(new Metrics.Health.HealthInput(
                h.UsageTrend, h.ActiveUsers, previous, h.SupportTickets, h.Nps, h.PaymentFailures, h.ExecSponsorChange, h.QbrAttended, h.PlanLimitUtilisation), weights);
            health.Add(new AccountHealthRow(h.Month, score.Score, score.Band, score.Factors.Count > 0 ? score.Factors[0].Reading : "", h.PlanLimitUtilisation, score.Factors));
        }

        return new AccountDetailView(
            series.Account,
            series.MrrAt(t),
            months.Select(i => model.MonthAt(i).ToString()).ToList(),
            series.Products.Select(p => (p.Product, (IReadOnlyList<decimal?>)months.Select(i => (decimal?)p.Mrr[i]).ToList())).ToList(),
            movements.OrderByDescending(m => m.Month).ToList(),
            snap.Opportunities.Where(o => string.Equals(o.AccountId, accountId, StringComparison.Ordinal)).OrderByDescending(o => o.ExpectedClose).ToList(),
            health);
    }

    /// <summary>
    /// The accounts of one cohort cell: members (by the same rules as <see cref="CohortMatrix"/>) that have reached
    /// <paramref name="age"/> by the as-of month, largest start first.
    /// </summary>
    public async Task<IReadOnlyList<CohortAccountRow>> CohortAccountsAsync(
        CohortGrain grain, string cohort, int age, AccountFilter? filter = null, CohortDimension by = CohortDimension.FirstPaid, Month? asOfMonth = null,
        CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        var last = model.IndexOf(AsOfMonth.Of(model, time, asOfMonth));
        if (last < 0)
        {
            last = model.MonthCount - 1;
        }

        return model.Accounts
            .Select(a => (Series: a, First: CohortMatrix.FirstPaidIndex(model, a)))
            .Where(x => x.First >= 0 && x.First + age <= last)
            .Select(x => (x.Series, x.First, Attrs: x.Series.HasHistory ? x.Series.AttributesAt(x.First) : x.Series.Account.Attributes))
            .Where(x => (filter is null || filter.Matches(x.Attrs)) && by switch
            {
                CohortDimension.Segment => string.Equals(x.Attrs.Segment, cohort, StringComparison.Ordinal),
                CohortDimension.Industry => string.Equals(x.Attrs.Industry, cohort, StringComparison.Ordinal),
                _ => CohortMatrix.Label(model.MonthAt(x.First), grain) == cohort,
            })
            .Select(x => new CohortAccountRow(x.Series.Account.Id, x.Series.Account.Name, x.Attrs.Segment, model.MonthAt(x.First).ToString(),
                x.Series.Total[x.First], x.Series.Total[x.First + age]))
            .OrderByDescending(r => r.StartMrr)
            .ToList();
    }

    /// <summary>
    /// The Pipeline page for the quarter of <paramref name="asOfMonth"/> (the latest month's, at the data's horizon, when null) and the next one.
    /// Coverage compares with targets, which are set per segment, so only the segment filter narrows the gauges; every
    /// filter narrows the opportunity tables, owners and candidates (by the account's current attributes).
    /// </summary>
    public async Task<PipelineView> PipelineAsync(AccountFilter? filter = null, Month? asOfMonth = null, CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var settings = await thresholdStore.GetAsync(ct);
        var bands = settings.Coverage;
        var current = AsOfMonth.Of(snap.Revenue, time, asOfMonth).Quarter;
        var next = current.AddQuarters(1);
        var byId = snap.Revenue.Accounts.ToDictionary(a => a.Account.Id, StringComparer.Ordinal);
        var opportunities = filter is null || filter.IsEmpty
            ? snap.Opportunities
            : snap.Opportunities.Where(o => byId.TryGetValue(o.AccountId, out var a)
                ? filter.Matches(a.Account)
                : filter.Industry is null && filter.Region is null && filter.Csm is null && (filter.Segment is null || string.Equals(o.Segment, filter.Segment, StringComparison.OrdinalIgnoreCase))).ToList();
        var segments = snap.Targets.Where(t => t.Segment is not null).Select(t => t.Segment!)
            .Where(s => filter?.Segment is null || string.Equals(s, filter.Segment, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        IReadOnlyList<CoverageResult> BySegment(Quarter q) =>
            segments.Select(s => PipelineCoverage.Compute(snap.Opportunities, snap.Targets, q, s, bands)).ToList();
        var open = opportunities.Where(o => o.IsOpen && (current.Contains(o.ExpectedClose) || next.Contains(o.ExpectedClose))).ToList();
        var byStage = Enum.GetValues<OpportunityStage>().Where(s => s is not (OpportunityStage.ClosedWon or OpportunityStage.ClosedLost))
            .Select(s => new StageSummary(s, open.Count(o => o.Stage == s), open.Where(o => o.Stage == s).Sum(o => o.Amount))).ToList();
        var top = open.OrderByDescending(o => o.Amount)
            .Select(o => new OpenOpportunityRow(o.Id, byId.TryGetValue(o.AccountId, out var a) ? a.Account.Name : o.AccountId, o.Name, o.Type, o.Stage, o.Amount, o.ExpectedClose, o.Owner)).ToList();
        return new PipelineView(
            current, next,
            PipelineCoverage.Compute(snap.Opportunities, snap.Targets, current, filter?.Segment, bands),
            PipelineCoverage.Compute(snap.Opportunities, snap.Targets, next, filter?.Segment, bands),
            BySegment(current), BySegment(next), byStage,
            WeightedPipeline.Compute(opportunities, current),
            WinRate.Compute(opportunities, current),
            settings.CoverageOnTrack,
            top,
            await CandidatesAsync(snap, filter, asOfMonth, ct),
            PipelineByOwner.Compute(opportunities, current));
    }

    /// <summary>
    /// Expansion candidates: paying accounts in the green health band (latest month's score ≥ 70), or at 80 % or more
    /// of a plan limit, with no open opportunity; largest MRR first.
    /// </summary>
    private async Task<IReadOnlyList<ExpansionCandidateRow>> CandidatesAsync(DashboardSnapshot snap, AccountFilter? filter, Month? asOfMonth, CancellationToken ct) =>
        Candidates(snap, await HealthScores.LatestAsync(factory, snap.Revenue, AsOfMonth.Of(snap.Revenue, time, asOfMonth), ct), filter, 20);

    /// <summary>The candidates among already scored accounts (see <see cref="HealthScores.LatestAsync"/>), at most <paramref name="take"/>.</summary>
    internal static IReadOnlyList<ExpansionCandidateRow> Candidates(DashboardSnapshot snap, HealthMonth? health, AccountFilter? filter, int take)
    {
        var model = snap.Revenue;
        if (health is null)
        {
            return [];
        }

        var withOpen = snap.Opportunities.Where(o => o.IsOpen).Select(o => o.AccountId).ToHashSet(StringComparer.Ordinal);
        var t = model.IndexOf(health.Month);
        var rows = new List<ExpansionCandidateRow>();
        foreach (var account in model.Accounts)
        {
            if (!health.Scores.TryGetValue(account.Account.Id, out var h) || withOpen.Contains(account.Account.Id) || account.MrrAt(t) <= 0 ||
                (filter is not null && !filter.Matches(account.Account)))
            {
                continue;
            }

            var green = h.Score.Band == Metrics.Health.HealthBand.Green;
            var nearLimit = h.PlanLimitUtilisation >= 0.8;
            if (!green && !nearLimit)
            {
                continue;
            }

            var reason = green && nearLimit ? $"healthy ({h.Score.Score:0}) and at {h.PlanLimitUtilisation:P0} of plan limit"
                : green ? $"healthy ({h.Score.Score:0}/100)" : $"at {h.PlanLimitUtilisation:P0} of plan limit";
            rows.Add(new ExpansionCandidateRow(account.Account.Id, account.Account.Name, account.Account.Segment, account.MrrAt(t), h.Score.Score, h.PlanLimitUtilisation, reason));
        }

        return rows.OrderByDescending(r => r.Mrr).Take(take).ToList();
    }

    /// <summary>Accounts matching the filter (current attributes) with MRR at the as-of month and the change from the month before.</summary>
    public async Task<IReadOnlyList<AccountRow>> AccountsAsync(AccountFilter? filter = null, Month? asOfMonth = null, CancellationToken ct = default)
    {
        var model = (await snapshots.GetAsync(ct)).Revenue;
        if (model.IsEmpty)
        {
            return [];
        }

        var t = model.IndexOf(AsOfMonth.Of(model, time, asOfMonth));
        var health = (await HealthScores.LatestAsync(factory, model, AsOfMonth.Of(model, time, asOfMonth), ct))?.Scores;
        return model.Select(filter)
            .Select(a => new AccountRow(a.Account.Id, a.Account.Name, a.Account.Segment, a.Account.Industry, a.Account.Region, a.Account.Csm,
                a.MrrAt(t), a.MrrAt(t) - a.MrrAt(t - 1),
                health is not null && health.TryGetValue(a.Account.Id, out var h) ? h.Score.Score : null,
                health is not null && health.TryGetValue(a.Account.Id, out var hb) ? hb.Score.Band : null))
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
