using ExpansionDashboard.Metrics.Movements;

namespace ExpansionDashboard.Metrics.Expansion;

/// <summary>
/// Expansion share of new ARR over a period: Expansion ÷ (New + Reactivation + Expansion) × 100. Unit: percent.
/// Null when the period added no revenue.
/// </summary>
public static class ExpansionShare
{
    public const string Definition = "Expansion MRR ÷ (New + Reactivation + Expansion MRR) over the period × 100.";

    public const string Unit = "%";

    /// <summary>The share over the given months.</summary>
    public static decimal? Of(IEnumerable<MonthMovements> months)
    {
        var period = PeriodMovements.Of(months);
        return period.Added > 0 ? period.Expansion / period.Added * 100m : null;
    }
}

/// <summary>
/// Expansion-maturity stage 1–5 from expansion share of new ARR and NRR: 5 when ≥ 70 % and ≥ 130 %, 4 when
/// ≥ 60 % and ≥ 120 %, 3 when ≥ 40 % and ≥ 115 %, 2 when ≥ 20 % and ≥ 105 %, else 1. Both conditions must hold.
/// </summary>
public static class ExpansionMaturity
{
    public const string Definition = "Stage 1–5 from expansion share of new ARR and trailing-12-month NRR (both thresholds must be met).";

    private static readonly (int Stage, decimal Share, decimal Nrr)[] Stages = [(5, 70m, 130m), (4, 60m, 120m), (3, 40m, 115m), (2, 20m, 105m)];

    /// <summary>The stage; 1 when either input is unknown.</summary>
    public static int Stage(decimal? expansionSharePercent, decimal? nrrPercent) => Explain(expansionSharePercent, nrrPercent).Stage;

    /// <summary>
    /// The stage with its reason: which criteria of the next stage are met and which are not, so that a share that
    /// already clears the next bar is not read as a wrong stage when NRR holds it back.
    /// </summary>
    public static MaturityExplanation Explain(decimal? expansionSharePercent, decimal? nrrPercent)
    {
        var stage = 1;
        if (expansionSharePercent is { } share && nrrPercent is { } nrr)
        {
            foreach (var s in Stages)
            {
                if (share >= s.Share && nrr >= s.Nrr)
                {
                    stage = s.Stage;
                    break;
                }
            }
        }

        var next = Stages.Where(s => s.Stage == stage + 1).Select(s => new MaturityCriteria(s.Stage, s.Share, s.Nrr)).FirstOrDefault();
        return new MaturityExplanation(stage, expansionSharePercent, nrrPercent, next);
    }
}

/// <summary>What a stage requires: expansion share of new ARR and T12M NRR at or above these (percent).</summary>
public sealed record MaturityCriteria(int Stage, decimal MinSharePercent, decimal MinNrrPercent);

/// <summary>An account book's maturity stage, the inputs it was judged on and the next stage's criteria (null at stage 5).</summary>
public sealed record MaturityExplanation(int Stage, decimal? SharePercent, decimal? NrrPercent, MaturityCriteria? Next)
{
    /// <summary>The next stage's share bar is met.</summary>
    public bool ShareMet => Next is not null && SharePercent >= Next.MinSharePercent;

    /// <summary>The next stage's NRR bar is met.</summary>
    public bool NrrMet => Next is not null && NrrPercent >= Next.MinNrrPercent;

    /// <summary>One sentence: why the book is at this stage and what the next one needs, e.g. "share 33 % meets stage 2's ≥ 20 %; NRR 101 % is below its ≥ 105 %".</summary>
    public string Reason
    {
        get
        {
            var c = CultureInfo.CurrentCulture;
            if (SharePercent is null || NrrPercent is null)
            {
                return SharePercent is null ? "stage 1: no new ARR in the last 12 months to measure the expansion share" : "stage 1: needs 12 months of history for T12M NRR";
            }

            if (Next is null)
            {
                return string.Format(c, "top stage: share {0:0} % ≥ 70 % and NRR {1:0.#} % ≥ 130 %", SharePercent, NrrPercent);
            }

            var share = string.Format(c, ShareMet ? "share {0:0} % meets stage {1}'s ≥ {2:0} %" : "share {0:0} % is below stage {1}'s ≥ {2:0} %", SharePercent, Next.Stage, Next.MinSharePercent);
            var nrr = string.Format(c, NrrMet ? "NRR {0:0.#} % meets its ≥ {1:0} %" : "NRR {0:0.#} % is below its ≥ {1:0} %", NrrPercent, Next.MinNrrPercent);
            return $"{share}; {nrr}";
        }
    }
}
