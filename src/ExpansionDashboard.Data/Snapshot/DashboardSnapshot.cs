using ExpansionDashboard.Metrics.Currency;

namespace ExpansionDashboard.Data.Snapshot;

/// <summary>
/// Everything the metrics read, loaded once per data version. Settings (thresholds, health weights) are not part of it:
/// they have their own version (<see cref="Settings.SettingsProvider"/>), so a threshold edit never reloads revenue.
/// </summary>
/// <param name="Horizon">The data's horizon (the model ends there), null without revenue.</param>
/// <param name="HorizonSetBy">The committed import batch that set the horizon, null when it was derived from the revenue rows.</param>
public sealed record DashboardSnapshot(
    long DataVersion,
    RevenueModel Revenue,
    IReadOnlyList<OpportunityInput> Opportunities,
    IReadOnlyList<TargetInput> Targets,
    Month? Horizon = null,
    HorizonSource? HorizonSetBy = null)
{
    /// <summary>Every stored health signal, oldest month first: the one place health inputs are assembled.</summary>
    public IReadOnlyList<HealthSignalInput> HealthSignals { get; init; } = [];

    /// <summary>Each account's score in the latest month with signals on or before <paramref name="asOf"/>; null without revenue or signals.</summary>
    public HealthMonth? HealthAt(Month asOf, HealthWeights? weights) =>
        Revenue.IsEmpty ? null : HealthMonth.Latest(HealthSignals, asOf, weights);

    /// <summary>One account's signals, newest month first.</summary>
    public IReadOnlyList<HealthSignalInput> HealthOf(string accountId) =>
        HealthSignals.Where(h => string.Equals(h.AccountId, accountId, StringComparison.Ordinal)).OrderByDescending(h => h.Month).ToList();
}

/// <summary>The import that set the data's horizon, for Admin.</summary>
public sealed record HorizonSource(long BatchId, string Kind, string FileName, DateTime CreatedUtc);

/// <summary>
/// Loads the store into the in-memory metric model and keeps it until the data version changes, so pages
/// never aggregate the revenue table per request.
/// </summary>
public sealed class DashboardSnapshotProvider(IDbContextFactory<DashboardDbContext> factory, ReportingCurrency? reporting = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _prefetches = [];
    private DashboardSnapshot? _current;

    /// <summary>The reporting currency FX rates convert into (USD when the host registers none).</summary>
    public string ReportingCode => reporting?.Code ?? "USD";

    public async Task<DashboardSnapshot> GetAsync(CancellationToken ct = default)
    {
        long version;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            version = await DataVersion.GetAsync(db, ct);
        }

        var snapshot = _current;
        if (snapshot is not null && snapshot.DataVersion == version)
        {
            return snapshot;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_current is { } again && again.DataVersion == version)
            {
                return again;
            }

            _current = await LoadAsync(version, ct);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Starts loading the store's current version in the background (after an import or a revert commits), so the first
    /// page or API read after it finds the new model ready or already on its way, instead of starting the load itself.
    /// </summary>
    public void Prefetch()
    {
        lock (_prefetches)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _prefetches.RemoveAll(t => t.IsCompleted);
            _prefetches.Add(Task.Run(async () =>
            {
                try
                {
                    await GetAsync(_stopping.Token);
                }
                catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException or System.Data.Common.DbException or OperationCanceledException)
                {
                    // Nothing is lost: the next read loads the model itself and reports what went wrong.
                }
            }));
        }
    }

    /// <summary>Stops a background load and waits for it, so nothing reads the store once its owner has let it go.</summary>
    public void Dispose()
    {
        Task[] running;
        lock (_prefetches)
        {
            _stopping.Cancel();
            running = [.. _prefetches];
        }

        Task.WaitAll(running, TimeSpan.FromSeconds(30));
        _stopping.Dispose();
        _gate.Dispose();
    }

    private async Task<DashboardSnapshot> LoadAsync(long version, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking()
            .Select(a => new { a.Id, a.ExternalId, a.Name, a.Segment, a.Industry, a.Region, a.Csm, a.FirstPaidMonth })
            .ToListAsync(ct);
        var byId = accounts.ToDictionary(a => a.Id);
        var accountInputs = accounts.Select(a => new AccountInput(
            a.ExternalId, a.Name, a.Segment, a.Industry, a.Region, a.Csm,
            a.FirstPaidMonth)).ToList();

        var revenue = await LoadRevenueAsync(db, accounts.Select(a => (a.Id, a.ExternalId)), ct);
        var rates = new FxRates(ReportingCode, (await db.FxRates.AsNoTracking()
                .Select(f => new { f.Month, f.Currency, f.Rate })
                .ToListAsync(ct))
            .Select(f => new FxRateInput(f.Month, f.Currency, f.Rate)));
        var (horizon, setBy) = await HorizonAsync(db, revenue, ct);

        var history = (await db.OpportunityStageHistory.AsNoTracking()
                .OrderBy(h => h.SeenOn).ThenBy(h => h.Id)
                .Select(h => new { h.OpportunityId, h.Stage, h.SeenOn })
                .ToListAsync(ct))
            .GroupBy(h => h.OpportunityId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<StageObservation>)g.Select(h => new StageObservation(h.Stage, h.SeenOn)).ToList());
        var opps = await db.Opportunities.AsNoTracking()
            .Select(o => new { o.Id, o.ExternalId, o.AccountId, o.Name, o.Type, o.Stage, o.Amount, o.ExpectedClose, o.Owner, o.Created, o.Closed })
            .ToListAsync(ct);
        var oppInputs = new List<OpportunityInput>(opps.Count);
        foreach (var o in opps)
        {
            {
                var account = byId[o.AccountId];
                oppInputs.Add(new OpportunityInput(o.ExternalId, account.ExternalId, o.Name, o.Type, o.Stage, o.Amount, o.ExpectedClose, o.Owner, account.Segment, o.Created, o.Closed,
                    history.TryGetValue(o.Id, out var h) ? h : []));
            }
        }

        var targets = (await db.ExpansionTargets.AsNoTracking().ToListAsync(ct))
            .Select(t => new TargetInput(t.Quarter, t.Scope.Segment, t.Amount))
            .ToList();

        var model = horizon is { } end && revenue.FirstMonth is { } first
            ? RevenueModel.Build(accountInputs, revenue, Month.FromIndex(Math.Min(end.Index, first.Index)), end, rates)
            : RevenueModel.Build(accountInputs, revenue, null, rates);
        var health = (await db.HealthSignals.AsNoTracking()
                .Select(h => new { h.AccountId, h.Month, h.UsageTrend, h.ActiveUsers, h.SupportTickets, h.Nps, h.PaymentFailures, h.ExecSponsorChange, h.QbrAttended, h.PlanLimitUtilisation })
                .ToListAsync(ct))
            .Where(h => byId.ContainsKey(h.AccountId))
            .OrderBy(h => h.Month)
            .Select(h => new HealthSignalInput(byId[h.AccountId].ExternalId, h.Month, h.UsageTrend, h.ActiveUsers, h.SupportTickets, h.Nps,
                h.PaymentFailures, h.ExecSponsorChange, h.QbrAttended, h.PlanLimitUtilisation))
            .ToList();
        return new DashboardSnapshot(version, model, oppInputs, targets, horizon, setBy) { HealthSignals = health };
    }

    /// <summary>
    /// Every revenue line, read with a plain data reader into columns: a million lines through EF Core's materialiser took
    /// about two seconds, most of it per-row conversions, and an object per line cost a third of the load in allocation
    /// and collection. Products and currencies are shared strings (a book has a handful), so each is one key.
    /// </summary>
    private static async Task<RevenueColumns> LoadRevenueAsync(DashboardDbContext db, IEnumerable<(int Id, string ExternalId)> accounts, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM \"RevenueLines\"";
            var count = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            var revenue = new RevenueColumns(count);
            var keys = accounts.ToDictionary(a => a.Id, a => revenue.AccountKey(a.ExternalId));
            RevenueLineReaders.For(db.Dialect).ReadRevenueLines(connection, l => revenue.Add(
                keys[l.AccountId], l.Month, revenue.ProductKey(l.Product), l.Mrr, l.LineType, revenue.CurrencyKey(l.Currency)), ct);
            return revenue;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The horizon is the latest one a committed import set (an mrr file's last month, an invoice file's last service
    /// start); revenue written without one (stores from before horizons were recorded) falls back to its last month.
    /// </summary>
    private static async Task<(Month? Horizon, HorizonSource? SetBy)> HorizonAsync(DashboardDbContext db, RevenueColumns revenue, CancellationToken ct)
    {
        if (revenue.Count == 0)
        {
            return (null, null);
        }

        var batch = await db.ImportBatches.AsNoTracking()
            .Where(b => b.Status == ImportBatchStatus.Committed && b.HorizonMonth != null)
            .OrderByDescending(b => b.HorizonMonth).ThenByDescending(b => b.Id)
            .Select(b => new { b.Id, b.Kind, b.FileName, b.CreatedUtc, b.HorizonMonth })
            .FirstOrDefaultAsync(ct);
        if (batch is { HorizonMonth: { } month })
        {
            return (Month.Of(month), new HorizonSource(batch.Id, batch.Kind, batch.FileName, batch.CreatedUtc));
        }

        return (DataHorizon.OfSnapshots(revenue.Months), null);
    }
}
