namespace ExpansionDashboard.Metrics.Retention;

/// <summary>Benchmark bands for NRR.</summary>
public enum NrrBand
{
    [Band("No data", Severity.None)] None,
    [Band("Critical", Severity.Alert)] Critical,
    [Band("Needs improvement", Severity.Watch)] NeedsImprovement,
    [Band("Strong", Severity.Good)] Strong,
    [Band("World class", Severity.Good)] WorldClass,
}

/// <summary>NRR thresholds (percent); defaults from the metric contract, editable by an admin.</summary>
public sealed record NrrThresholds(decimal WorldClass = Defaults.NrrWorldClass, decimal Strong = Defaults.NrrStrong, decimal NeedsImprovement = Defaults.NrrNeedsImprovement)
{
    public static NrrThresholds Default { get; } = new();

    public NrrBand Classify(decimal? nrr) =>
        Band.Classify(nrr, NrrBand.None, NrrBand.Critical, (WorldClass, NrrBand.WorldClass), (Strong, NrrBand.Strong), (NeedsImprovement, NrrBand.NeedsImprovement));

    public static Severity SeverityOf(NrrBand band) => Band.SeverityOf(band);

    public static string Label(NrrBand band) => Band.Word(band);
}

/// <summary>
/// Net Revenue Retention: the cohort's MRR at the end of a window as a percentage of its MRR at the start.
/// Cohort = accounts paying in the start month; accounts that start paying later are excluded; a cohort
/// member that churned and came back counts at its end-month value. Unit: percent; may exceed 100.
/// </summary>
public static class NetRevenueRetention
{
    public const string Definition =
        "End MRR of the accounts that paid in the start month ÷ their start MRR × 100 (expansion in, contraction and churn out, new logos excluded).";

    public const string Unit = "%";

    /// <summary>NRR for the window <paramref name="start"/> → <paramref name="end"/>; null when the cohort had no MRR.</summary>
    public static decimal? Compute(RevenueModel model, Month start, Month end, AccountFilter? filter = null) =>
        RetentionWindow.Compute(model, start, end, filter).Nrr;

    /// <summary>Monthly NRR (S = t-1, E = t) for each month of the model after the first.</summary>
    public static IReadOnlyList<MonthValue> Monthly(RevenueModel model, AccountFilter? filter = null) =>
        RetentionSeries.Of(model, 1, filter, w => w.Nrr);

    /// <summary>Trailing-12-month NRR (S = t-12, E = t) for each month with twelve months of history.</summary>
    public static IReadOnlyList<MonthValue> Trailing12(RevenueModel model, AccountFilter? filter = null) =>
        RetentionSeries.Of(model, 12, filter, w => w.Nrr);
}

/// <summary>
/// Gross Revenue Retention: like NRR but each account counts at most its start MRR, so expansion cannot
/// hide losses. Unit: percent; never above 100.
/// </summary>
public static class GrossRevenueRetention
{
    public const string Definition = "Σ min(end MRR, start MRR) over the start-month cohort ÷ the cohort's start MRR × 100.";

    public const string Unit = "%";

    /// <summary>GRR for the window; null when the cohort had no MRR.</summary>
    public static decimal? Compute(RevenueModel model, Month start, Month end, AccountFilter? filter = null) =>
        RetentionWindow.Compute(model, start, end, filter).Grr;

    /// <summary>Monthly GRR series.</summary>
    public static IReadOnlyList<MonthValue> Monthly(RevenueModel model, AccountFilter? filter = null) =>
        RetentionSeries.Of(model, 1, filter, w => w.Grr);

    /// <summary>Trailing-12-month GRR series.</summary>
    public static IReadOnlyList<MonthValue> Trailing12(RevenueModel model, AccountFilter? filter = null) =>
        RetentionSeries.Of(model, 12, filter, w => w.Grr);
}

/// <summary>Logo retention: share of the start-month cohort still paying in the end month. Unit: percent.</summary>
public static class LogoRetention
{
    public const string Definition = "Accounts of the start-month cohort with MRR > 0 in the end month ÷ cohort size × 100.";

    public const string Unit = "%";

    /// <summary>Logo retention for the window; null for an empty cohort.</summary>
    public static decimal? Compute(RevenueModel model, Month start, Month end, AccountFilter? filter = null) =>
        RetentionWindow.Compute(model, start, end, filter).LogoRetention;

    /// <summary>Trailing-12-month logo retention series.</summary>
    public static IReadOnlyList<MonthValue> Trailing12(RevenueModel model, AccountFilter? filter = null) =>
        RetentionSeries.Of(model, 12, filter, w => w.LogoRetention);
}

/// <summary>Retention windows for every month at once: one pass over the accounts instead of one per month.</summary>
public static class RetentionSeries
{
    /// <summary>The window (t − span → t) for every month t of the model from <paramref name="span"/> on.</summary>
    public static IReadOnlyList<RetentionWindow> Windows(RevenueModel model, int span, AccountFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Accumulate(model, span, (_, _) => 0, 1, filter)[0];
    }

    /// <summary>The windows per group of <paramref name="by"/>, membership at each window's start month.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<RetentionWindow>> WindowsByGroup(RevenueModel model, int span, Dimension by)
    {
        ArgumentNullException.ThrowIfNull(model);
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        string Key(AccountAttributes a) => by switch
        {
            Dimension.Segment => a.Segment,
            Dimension.Industry => a.Industry,
            Dimension.Region => a.Region,
            _ => a.Csm,
        };

        foreach (var a in model.Accounts)
        {
            names.TryAdd(Key(a.Account.Attributes), names.Count);
            if (a.HasHistory)
            {
                for (var i = 0; i < model.MonthCount; i++)
                {
                    names.TryAdd(Key(a.AttributesAt(i)), names.Count);
                }
            }
        }

        var windows = Accumulate(model, span, (a, s) => names[Key(a.HasHistory ? a.AttributesAt(s) : a.Account.Attributes)], names.Count, null);
        return names.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => windows[kv.Value], StringComparer.OrdinalIgnoreCase);
    }

    // groupAt: the group of an account at a start month; asked once per account when it has no attribute history.
    private static IReadOnlyList<RetentionWindow>[] Accumulate(RevenueModel model, int span, Func<AccountSeries, int, int> groupAt, int groups, AccountFilter? filter)
    {
        var n = model.MonthCount;
        var count = Math.Max(0, n - span);
        var start = new decimal[groups, count];
        var end = new decimal[groups, count];
        var capped = new decimal[groups, count];
        var size = new int[groups, count];
        var kept = new int[groups, count];
        var filtered = filter is not null && !filter.IsEmpty;
        foreach (var a in model.Accounts)
        {
            var total = a.Total;
            var staticGroup = a.HasHistory ? -1 : groupAt(a, 0);
            var staticMember = !filtered || (!a.HasHistory && filter!.Matches(a.Account));
            if (filtered && !a.HasHistory && !staticMember)
            {
                continue;
            }

            for (var i = 0; i < count; i++)
            {
                var si = total[i];
                if (si <= 0)
                {
                    continue;
                }

                if (!staticMember && !filter!.Matches(a.AttributesAt(i)))
                {
                    continue;
                }

                var g = staticGroup >= 0 ? staticGroup : groupAt(a, i);
                // Constant currency: the end month at the start month's rates.
                var ei = a.HasForeignCurrency ? a.TotalAt(i + span, i) : total[i + span];
                start[g, i] += si;
                end[g, i] += ei;
                capped[g, i] += si < ei ? si : ei;
                size[g, i]++;
                if (ei > 0)
                {
                    kept[g, i]++;
                }
            }
        }

        var result = new IReadOnlyList<RetentionWindow>[groups];
        for (var g = 0; g < groups; g++)
        {
            var list = new RetentionWindow[count];
            for (var i = 0; i < count; i++)
            {
                list[i] = new RetentionWindow(model.MonthAt(i), model.MonthAt(i + span), start[g, i], end[g, i], capped[g, i], size[g, i], kept[g, i]);
            }

            result[g] = list;
        }

        return result;
    }

    // The pages read NRR, GRR and logo retention of the same windows: one pass per model, span and filter (ModelMemo).
    internal static IReadOnlyList<MonthValue> Of(RevenueModel model, int span, AccountFilter? filter, Func<RetentionWindow, decimal?> pick) =>
        ModelMemo.Get(model, (nameof(Windows), span, ModelMemo.Key(filter)), () => Windows(model, span, filter)).Select(w => new MonthValue(w.End, pick(w))).ToList();
}
