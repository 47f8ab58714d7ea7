using System.Globalization;
using ExpansionDashboard.Metrics.Cohorts;
using ExpansionDashboard.Metrics.Expansion;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Projections;

namespace ExpansionDashboard.Metrics.Tests.Expansion;

public class ExpansionMetricsTests
{
    private static readonly Month S = TestData.M0;

    private static RevenueModel Sample() => TestData.Model(
        ("a", [100m, 110m, 110m, 140m]),   // +10 in m1, +30 in m3
        ("b", [200m, 200m, 180m, 0m]),     // -20 contraction m2, churn -180 m3
        ("c", [0m, 50m, 50m, 50m]));       // new +50 in m1

    [Fact]
    public void ExpansionRate_Month1_IsExpansionOverPreviousTotal()
    {
        var m1 = MrrMovements.Compute(Sample())[0];

        Assert.Equal(10m / 300m * 100m, ExpansionRate.Of(m1));
    }

    [Fact]
    public void ExpansionShare_Period_IsExpansionOverAllAdded()
    {
        // Added: new 50, expansion 10 + 30 = 40 → 40 / 90.
        Assert.Equal(40m / 90m * 100m, ExpansionShare.Of(MrrMovements.Compute(Sample())));
    }

    [Fact]
    public void QuickRatio_Period_IsGainsOverLosses()
    {
        // Gains 90, losses 20 + 180 = 200.
        Assert.Equal(0.45m, QuickRatio.Of(MrrMovements.Compute(Sample())));
    }

    [Fact]
    public void QuickRatio_NoLosses_IsUndefined() =>
        Assert.Null(QuickRatio.Of(MrrMovements.Compute(TestData.Model(("a", [100m, 120m])))));

    [Theory]
    [InlineData(75, 135, 5)]
    [InlineData(75, 125, 4)]
    [InlineData(65, 121, 4)]
    [InlineData(45, 116, 3)]
    [InlineData(25, 106, 2)]
    [InlineData(80, 104, 1)]
    [InlineData(10, 140, 1)]
    [InlineData(70, 130, 5)]
    public void Maturity_ShareAndNrr_BothThresholdsNeeded(int share, int nrr, int stage) =>
        Assert.Equal(stage, ExpansionMaturity.Stage(share, nrr));

    [Fact]
    public void MaturityExplain_ShareMeetsNextBarButNrrDoesNot_SaysWhyStageOne()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        // The case: a 33 % share already clears stage 2's 20 % bar; NRR 101.2 % holds the book at stage 1.
        var e = ExpansionMaturity.Explain(33m, 101.2m);

        Assert.Equal(1, e.Stage);
        Assert.Equal(new MaturityCriteria(2, 20m, 105m), e.Next);
        Assert.True(e.ShareMet);
        Assert.False(e.NrrMet);
        Assert.Equal("share 33 % meets stage 2's ≥ 20 %; NRR 101.2 % is below its ≥ 105 %", e.Reason);
    }

    [Fact]
    public void MaturityExplain_TopStage_HasNoNextStage()
    {
        var e = ExpansionMaturity.Explain(75m, 131m);

        Assert.Equal(5, e.Stage);
        Assert.Null(e.Next);
        Assert.StartsWith("top stage", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MaturityExplain_NoNrrYet_StageOneNamesTheMissingHistory()
    {
        var e = ExpansionMaturity.Explain(40m, null);

        Assert.Equal(1, e.Stage);
        Assert.Contains("12 months of history", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AverageExpansion_HandCase_PerEventAndPerAccount()
    {
        var results = AverageExpansion.Compute(Sample(), S, S.AddMonths(3));

        var all = results.Single(r => r.Slice == "All");
        Assert.Equal(40m, all.Total);
        Assert.Equal(2, all.Events);
        Assert.Equal(1, all.Accounts);
        Assert.Equal(20m, all.PerEvent);
        Assert.Equal(40m, all.PerAccount);
        Assert.Equal(40m, results.Single(r => r.Slice == "Type: Upsell").Total);
    }

    [Fact]
    public void TimeToFirstExpansion_HandCase_MedianMonthsByCohort()
    {
        var model = TestData.Model(("a", [100m, 110m, 110m]), ("b", [100m, 100m, 130m]), ("c", [100m, 100m, 100m]));

        var row = TimeToFirstExpansion.Compute(model, CohortGrain.Month).Single();

        Assert.Equal(3, row.Accounts);
        Assert.Equal(2, row.Expanded);
        Assert.Equal(1.5m, row.MedianMonths);
        Assert.Equal(66.6667m, Math.Round(row.ShareExpanded!.Value, 4));
    }

    [Fact]
    public void TimeToFirstExpansion_Through_IgnoresExpansionAfterTheMonth()
    {
        var model = TestData.Model(("a", [100m, 110m, 110m]), ("b", [100m, 100m, 130m]), ("c", [100m, 100m, 100m]));

        var row = TimeToFirstExpansion.Compute(model, CohortGrain.Month, through: model.MonthAt(1)).Single();

        Assert.Equal(3, row.Accounts);
        Assert.Equal(1, row.Expanded);
        Assert.Equal(1m, row.MedianMonths);
    }

    [Fact]
    public void Projection_Compounding_TwoYears()
    {
        var points = NrrProjection.Compute(1_000_000m, 110m, 2);

        Assert.Equal([1_000_000m, 1_100_000m, 1_210_000m], points.Select(p => p.Arr));
    }

    [Fact]
    public void Cohorts_Averages_WeightedBySizeVersusSimple()
    {
        // Cohort 2024-01: one account 1000 → 500 (50 %). Cohort 2024-02: one account 100 → 150 (150 %).
        var model = TestData.Model(("big", [1000m, 500m, 500m]), ("small", [0m, 100m, 150m]));

        var m = CohortMatrix.Compute(model, CohortGrain.Month, CohortMeasure.Revenue, maxAge: 1);

        Assert.Equal(650m / 1100m * 100m, m.WeightedAverage![1]);
        Assert.Equal(100m, m.SimpleAverage![1]);
    }

    [Fact]
    public void Cohorts_BySegment_GroupsByAttributeAtFirstPayment()
    {
        var model = TestData.Model(("e", "Enterprise", [100m, 120m]), ("s", "SMB", [100m, 80m]));

        var m = CohortMatrix.Compute(model, CohortGrain.Month, CohortMeasure.Revenue, maxAge: 1, by: CohortDimension.Segment);

        Assert.Equal(["Enterprise", "SMB"], m.Rows.Select(r => r.Cohort));
        Assert.Equal(120m, m.Rows[0].Cells[1]);
    }

    [Fact]
    public void EveryMetric_EmptyData_ReturnsEmptyOrUndefinedWithoutThrowing()
    {
        var empty = RevenueModel.Build([], []);

        Assert.Empty(MrrMovements.Compute(empty));
        Assert.Null(ExpansionShare.Of([]));
        Assert.Null(QuickRatio.Of([]));
        Assert.Empty(CohortMatrix.Compute(empty, CohortGrain.Quarter, CohortMeasure.Revenue).Rows);
        Assert.Empty(TimeToFirstExpansion.Compute(empty));
        Assert.Equal(0, AverageExpansion.Compute(empty, S, S.AddMonths(3)).Single().Events);
        Assert.Null(Metrics.Retention.NetRevenueRetention.Compute(empty, S, S.AddMonths(12)));
        Assert.Empty(Metrics.Retention.NetRevenueRetention.Trailing12(empty));
        Assert.Null(Metrics.Retention.NrrBridge.Compute(empty, S, S.AddMonths(1)).Nrr);
    }
}
