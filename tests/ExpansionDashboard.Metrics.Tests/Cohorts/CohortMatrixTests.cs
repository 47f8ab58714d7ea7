using ExpansionDashboard.Metrics.Cohorts;

namespace ExpansionDashboard.Metrics.Tests.Cohorts;

public class CohortMatrixTests
{
    [Fact]
    public void Compute_Revenue_CellIsMrrAtAgeOverAgeZero()
    {
        var model = TestData.Model(
            ("a", [100m, 110m, 120m, 0m]),
            ("b", [100m, 90m, 100m, 100m]),
            ("c", [0m, 0m, 50m, 75m]));

        var m = CohortMatrix.Compute(model, CohortGrain.Month, CohortMeasure.Revenue, maxAge: 3);

        var jan = m.Rows.Single(r => r.Cohort == "2024-01");
        Assert.Equal(2, jan.Accounts);
        Assert.Equal([100m, 100m, 110m, 50m], jan.Cells.Select(c => c!.Value));
        var mar = m.Rows.Single(r => r.Cohort == "2024-03");
        Assert.Equal(150m, mar.Cells[1]);
        Assert.Null(mar.Cells[2]);
    }

    [Fact]
    public void Compute_Logos_CellIsShareStillPaying()
    {
        var model = TestData.Model(("a", [100m, 110m, 0m]), ("b", [100m, 90m, 100m]));

        var m = CohortMatrix.Compute(model, CohortGrain.Quarter, CohortMeasure.Logos, maxAge: 2);

        Assert.Equal("2024-Q1", m.Rows.Single().Cohort);
        Assert.Equal(50m, m.Rows.Single().Cells[2]);
    }

    [Fact]
    public void Compute_Through_IgnoresLaterMonthsAndLaterCohorts()
    {
        var model = TestData.Model(
            ("a", [100m, 110m, 120m, 0m]),
            ("b", [100m, 90m, 100m, 100m]),
            ("c", [0m, 0m, 50m, 75m]));

        var m = CohortMatrix.Compute(model, CohortGrain.Month, CohortMeasure.Revenue, maxAge: 3, through: model.MonthAt(1));

        var jan = Assert.Single(m.Rows);
        Assert.Equal("2024-01", jan.Cohort);
        Assert.Equal(100m, jan.Cells[1]);
        Assert.Null(jan.Cells[2]);
        Assert.Null(jan.Cells[3]);
    }
}

public class CohortMatrixReferenceTests
{
    [Theory]
    [InlineData(CohortGrain.Month, CohortMeasure.Revenue)]
    [InlineData(CohortGrain.Quarter, CohortMeasure.Revenue)]
    [InlineData(CohortGrain.Year, CohortMeasure.Logos)]
    [InlineData(CohortGrain.Quarter, CohortMeasure.Logos)]
    public void Compute_GeneratedData_EqualsBruteForceDefinition(CohortGrain grain, CohortMeasure measure)
    {
        var model = Movements.MrrMovementsTests.RandomModel(seed: 31, accounts: 250, months: 30);
        const int maxAge = 20;

        var fast = CohortMatrix.Compute(model, grain, measure, maxAge);
        var all = CohortMatrix.ComputeAll(model, maxAge).Single(m => m.Grain == grain && m.Measure == measure);

        foreach (var row in fast.Rows)
        {
            var members = model.Accounts.Where(a => a.FirstPaidIndex >= 0 && CohortMatrix.Label(model.MonthAt(a.FirstPaidIndex), grain) == row.Cohort).ToList();
            Assert.Equal(members.Count, row.Accounts);
            for (var k = 0; k <= maxAge; k++)
            {
                var reached = members.Where(a => a.FirstPaidIndex + k < model.MonthCount).ToList();
                decimal? expected = reached.Count == 0 ? null
                    : measure == CohortMeasure.Revenue
                        ? reached.Sum(a => a.Total[a.FirstPaidIndex + k]) / reached.Sum(a => a.Total[a.FirstPaidIndex]) * 100m
                        : (decimal)reached.Count(a => a.Total[a.FirstPaidIndex + k] > 0) / reached.Count * 100m;
                Assert.Equal(expected, row.Cells[k]);
            }
        }

        Assert.Equal(fast.Rows.Select(r => r.Cells), all.Rows.Select(r => r.Cells));
    }
}
