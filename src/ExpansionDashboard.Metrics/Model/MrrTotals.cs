namespace ExpansionDashboard.Metrics.Model;

/// <summary>Total MRR per month of the accounts a filter selects (membership in that month).</summary>
public static class MrrTotals
{
    /// <summary>One value per month of the model, once per model and filter (<see cref="ModelMemo"/>); shared, do not change it.</summary>
    public static IReadOnlyList<decimal> ByMonth(RevenueModel model, AccountFilter? filter = null) =>
        ModelMemo.Get(model, (nameof(MrrTotals), ModelMemo.Key(filter)), () =>
        {
            var totals = new decimal[model.MonthCount];
            for (var i = 0; i < totals.Length; i++)
            {
                totals[i] = model.SelectAt(filter, i).Sum(a => a.Total[i]);
            }

            return totals;
        });
}
