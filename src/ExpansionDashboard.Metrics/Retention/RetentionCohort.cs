namespace ExpansionDashboard.Metrics.Retention;

/// <summary>One member of a window's start-month cohort: its MRR in the start month and in the end month at the start month's rates.</summary>
/// <param name="StartIndex">The start month's index in the model.</param>
/// <param name="EndIndex">The end month's index in the model; -1 when the end lies outside it (the member then counts as zero).</param>
public readonly record struct CohortMember(AccountSeries Series, decimal Start, decimal End, int StartIndex, int EndIndex);

/// <summary>
/// The cohort every retention figure of a window is built on: the selected accounts with MRR above zero in the start
/// month, valued in the end month at constant currency (the start month's rates). NRR, GRR, logo retention and the NRR
/// bridge all read it, so they cannot disagree about who is in it.
/// </summary>
public static class RetentionCohort
{
    /// <summary>The members for the window <paramref name="start"/> → <paramref name="end"/>; none when the start lies outside the model.</summary>
    public static IEnumerable<CohortMember> Of(RevenueModel model, Month start, Month end, AccountFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (end <= start)
        {
            throw new ArgumentException("The window's end month must come after its start month.", nameof(end));
        }

        return Members(model, model.IndexOf(start), model.IndexOf(end), filter);
    }

    private static IEnumerable<CohortMember> Members(RevenueModel model, int s, int e, AccountFilter? filter)
    {
        if (s < 0)
        {
            yield break;
        }

        foreach (var a in model.SelectAt(filter, s))
        {
            var si = a.Total[s];
            if (si > 0)
            {
                yield return new CohortMember(a, si, e >= 0 ? a.TotalAt(e, s) : 0m, s, e);
            }
        }
    }
}
