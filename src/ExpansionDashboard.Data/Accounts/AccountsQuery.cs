namespace ExpansionDashboard.Data.Accounts;

/// <summary>The Accounts grid and one account's page: MRR, movements, opportunities and scored health.</summary>
public sealed class AccountsQuery(DashboardSnapshotProvider snapshots, SettingsProvider settings, TimeProvider time)
{
    /// <summary>Accounts matching the filter (current attributes) with MRR at the as-of month and the change from the month before.</summary>
    public async Task<IReadOnlyList<AccountRow>> AccountsAsync(AccountFilter? filter = null, Month? asOfMonth = null, CancellationToken ct = default)
    {
        var snap = await snapshots.GetAsync(ct);
        var model = snap.Revenue;
        if (model.IsEmpty)
        {
            return [];
        }

        var asOf = AsOfMonth.Of(model, time, asOfMonth);
        var t = model.IndexOf(asOf);
        var health = snap.HealthAt(asOf, (await settings.GetAsync(ct)).HealthWeights)?.Scores;
        return model.Select(filter)
            .Select(a => new AccountRow(a.Account.Id, a.Account.Name, a.Account.Segment, a.Account.Industry, a.Account.Region, a.Account.Csm,
                a.MrrAt(t), a.MrrAt(t) - a.MrrAt(t - 1),
                health is not null && health.TryGetValue(a.Account.Id, out var h) ? h.Score.Score : null,
                health is not null && health.TryGetValue(a.Account.Id, out var hb) ? hb.Score.Band : null))
            .OrderByDescending(r => r.Mrr)
            .ToList();
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

        var signals = snap.HealthOf(accountId).Take(13).ToList();
        var weights = (await settings.GetAsync(ct)).HealthWeights;
        var health = new List<AccountHealthRow>();
        for (var i = 0; i < Math.Min(12, signals.Count); i++)
        {
            var h = signals[i];
            var previous = i + 1 < signals.Count ? signals[i + 1].ActiveUsers : null;
            var score = Metrics.Health.HealthScore.Compute(Metrics.Health.HealthMonth.ToInput(h, previous), weights);
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
}
