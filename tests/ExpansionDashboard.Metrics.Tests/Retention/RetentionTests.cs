using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Retention;
using ExpansionDashboard.Metrics.Tests.Movements;

namespace ExpansionDashboard.Metrics.Tests.Retention;

public class RetentionTests
{
    private static readonly Month S = TestData.M0;
    private static readonly Month E = TestData.M0.AddMonths(3);

    private static RevenueModel Sample() => TestData.Model(
        ("grow", [100m, 120m, 130m, 150m]),   // +50
        ("shrink", [200m, 180m, 150m, 150m]), // -50
        ("leave", [100m, 0m, 0m, 0m]),        // churn -100
        ("return", [100m, 0m, 0m, 80m]),      // churned and came back at 80
        ("late", [0m, 50m, 60m, 70m]));       // new after S: excluded

    [Fact]
    public void Nrr_HandComputedWindow_IsEndOverStart()
    {
        // Start = 100+200+100+100 = 500; End = 150+150+0+80 = 380 → 76 %.
        Assert.Equal(76m, NetRevenueRetention.Compute(Sample(), S, E));
    }

    [Fact]
    public void Grr_HandComputedWindow_CapsEachAccountAtStart()
    {
        // Σ min = 100+150+0+80 = 330 → 66 %.
        Assert.Equal(66m, GrossRevenueRetention.Compute(Sample(), S, E));
    }

    [Fact]
    public void LogoRetention_HandComputedWindow_CountsPayingCohortMembers()
    {
        // 3 of 4 cohort accounts pay in E.
        Assert.Equal(75m, LogoRetention.Compute(Sample(), S, E));
    }

    [Fact]
    public void Window_ZeroStartMrr_IsUndefinedNotZero()
    {
        var model = TestData.Model(("late", [0m, 50m, 60m, 70m]));

        var w = RetentionWindow.Compute(model, S, E);

        Assert.Null(w.Nrr);
        Assert.Null(w.Grr);
        Assert.Null(w.LogoRetention);
        Assert.Equal(0, w.CohortSize);
    }

    [Fact]
    public void Window_EndBeforeStart_Throws() =>
        Assert.Throws<ArgumentException>(() => RetentionWindow.Compute(Sample(), E, S));

    [Fact]
    public void Nrr_SegmentFilter_UsesOnlyThatSegment()
    {
        var model = TestData.Model(
            ("ent", "Enterprise", [1000m, 1200m]),
            ("smb", "SMB", [100m, 50m]));

        Assert.Equal(120m, NetRevenueRetention.Compute(model, S, S.AddMonths(1), new AccountFilter(Segment: "Enterprise")));
        Assert.Equal(50m, NetRevenueRetention.Compute(model, S, S.AddMonths(1), new AccountFilter(Segment: "smb")));
    }

    [Fact]
    public void Trailing12_Series_StartsAtTwelfthMonthAndMatchesWindow()
    {
        var model = MrrMovementsTests.RandomModel(seed: 3, accounts: 150, months: 20);

        var series = NetRevenueRetention.Trailing12(model);

        Assert.Equal(8, series.Count);
        Assert.Equal(model.MonthAt(12), series[0].Month);
        foreach (var point in series)
        {
            Assert.Equal(RetentionWindow.Compute(model, point.Month.AddMonths(-12), point.Month).Nrr, point.Value);
        }
    }

    [Fact]
    public void Nrr_GeneratedData_EqualsStartPlusMovementsOfCohort()
    {
        var model = MrrMovementsTests.RandomModel(seed: 5, accounts: 300, months: 24);
        var start = model.MonthAt(6);
        var end = model.MonthAt(18);
        var s = model.IndexOf(start);
        var e = model.IndexOf(end);
        var cohort = model.Accounts.Where(a => a.Total[s] > 0).ToList();

        decimal expansion = 0, contraction = 0, churn = 0;
        foreach (var a in cohort)
        {
            var d = a.Total[e] - a.Total[s];
            if (a.Total[e] == 0)
            {
                churn += a.Total[s];
            }
            else if (d > 0)
            {
                expansion += d;
            }
            else
            {
                contraction -= d;
            }
        }

        var window = RetentionWindow.Compute(model, start, end);
        Assert.Equal(cohort.Sum(a => a.Total[s]), window.StartMrr);
        Assert.Equal((window.StartMrr + expansion - contraction - churn) / window.StartMrr * 100m, window.Nrr);
        Assert.True(window.Grr <= 100m);
    }

    [Theory]
    [InlineData(125, NrrBand.WorldClass)]
    [InlineData(120, NrrBand.WorldClass)]
    [InlineData(119.99, NrrBand.Strong)]
    [InlineData(100, NrrBand.Strong)]
    [InlineData(95, NrrBand.NeedsImprovement)]
    [InlineData(90, NrrBand.NeedsImprovement)]
    [InlineData(89.9, NrrBand.Critical)]
    public void NrrThresholds_Default_ClassifiesPerContract(double nrr, NrrBand expected) =>
        Assert.Equal(expected, NrrThresholds.Default.Classify((decimal)nrr));
}
