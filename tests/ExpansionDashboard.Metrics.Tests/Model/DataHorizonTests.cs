using ExpansionDashboard.Metrics.Billing;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;

namespace ExpansionDashboard.Metrics.Tests.Model;

public class DataHorizonTests
{
    [Fact]
    public void OfInvoiceLines_PrepaidPeriodRunsPast_IsMonthOfLatestServiceStart()
    {
        // The last invoice starts 2016-06-13 for a year: the horizon is 2016-06, not 2017-05.
        var horizon = DataHorizon.OfInvoiceLines([new DateOnly(2015, 2, 1), new DateOnly(2016, 6, 13), new DateOnly(2016, 1, 31)]);
        Assert.Equal(new Month(2016, 6), horizon);
        Assert.Null(DataHorizon.OfInvoiceLines([]));
    }

    [Fact]
    public void OfSnapshots_IsLatestMonth()
    {
        Assert.Equal(new Month(2026, 10), DataHorizon.OfSnapshots([new Month(2026, 9), new Month(2026, 10), new Month(2025, 1)]));
        Assert.Equal(new Month(2026, 10), DataHorizon.Combine([null, new Month(2026, 10), new Month(2016, 6)]));
        Assert.Null(DataHorizon.Combine([null]));
    }

    [Theory]
    [InlineData("2016-06", "2026-12", "2016-06")]
    [InlineData("2027-03", "2026-12", "2026-12")]
    [InlineData(null, "2026-12", "2026-12")]
    public void Latest_IsHorizonButNeverAfterCurrentMonth(string? horizon, string current, string expected) =>
        Assert.Equal(Month.Parse(expected), DataHorizon.Latest(horizon is null ? null : Month.Parse(horizon), Month.Parse(current)));

    [Fact]
    public void Build_ThroughHorizon_PrepaidMonthsAfterItCarryNoFigures()
    {
        // An annual invoice from 2016-06-13 and a monthly one that ended in May.
        var lines = InvoiceNormalisation.Normalise(
        [
            new InvoiceLineInput("A", "Core", new DateOnly(2016, 6, 13), new DateOnly(2017, 6, 13), 1200m),
            new InvoiceLineInput("B", "Core", new DateOnly(2016, 5, 1), new DateOnly(2016, 6, 1), 50m),
        ]).Revenue;
        var horizon = DataHorizon.OfInvoiceLines([new DateOnly(2016, 6, 13), new DateOnly(2016, 5, 1)])!.Value;

        var model = RevenueModel.Build([], lines, new Month(2016, 5), horizon);

        Assert.Equal(horizon, model.LastMonth);
        Assert.Equal(-1, model.IndexOf(new Month(2016, 7)));
        var june = MrrMovements.Compute(model).Single();
        Assert.Equal(new Month(2016, 6), june.Month);
        Assert.Equal(june.EndMrr - june.StartMrr, june.NetChange);
    }
}
