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
}
