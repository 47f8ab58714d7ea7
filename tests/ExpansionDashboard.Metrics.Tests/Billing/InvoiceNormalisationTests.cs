using ExpansionDashboard.Metrics.Billing;
using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Metrics.Tests.Billing;

public class InvoiceNormalisationTests
{
    private static InvoiceLineInput Line(string start, string end, decimal amount, string account = "a", string product = "Core") =>
        new(account, product, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), amount);

    [Fact]
    public void LengthInMonths_SameDayOfMonth_IsWholeCalendarMonths() =>
        Assert.Equal(3m, InvoiceNormalisation.LengthInMonths(new DateOnly(2024, 1, 15), new DateOnly(2024, 4, 15)));

    [Fact]
    public void LengthInMonths_DifferentDay_IsDaysOverAverageMonth() =>
        Assert.Equal(41m / (365.25m / 12m), InvoiceNormalisation.LengthInMonths(new DateOnly(2024, 1, 10), new DateOnly(2024, 2, 20)));

    [Fact]
    public void Normalise_AnnualLine_IsExactly100AMonthForTwelveMonths()
    {
        var result = InvoiceNormalisation.Normalise([Line("2024-03-01", "2025-03-01", 1200m)]);

        Assert.Equal(12, result.Revenue.Count);
        Assert.All(result.Revenue, r => Assert.Equal(100m, r.Mrr));
        Assert.Equal(new Month(2024, 3), result.Revenue[0].Month);
        Assert.Equal(new Month(2025, 2), result.Revenue[^1].Month);
    }

    [Fact]
    public void Normalise_MonthCounts_OnlyWhenPeriodContainsItsLastDay()
    {
        // 2024-01-10 .. 2024-02-20: contains 31 Jan, not 29 Feb.
        var result = InvoiceNormalisation.Normalise([Line("2024-01-10", "2024-02-20", 410m)]);

        var only = Assert.Single(result.Revenue);
        Assert.Equal(new Month(2024, 1), only.Month);
        Assert.Equal(304.375m, only.Mrr); // 410 × 30.4375 ÷ 41
    }

    [Fact]
    public void Normalise_CreditBelowCharges_ReportsNegativeAccountMonth()
    {
        var result = InvoiceNormalisation.Normalise(
        [
            Line("2024-01-01", "2024-02-01", 100m),
            Line("2024-01-01", "2024-02-01", -150m, product: "Credit"),
            Line("2024-01-01", "2024-02-01", 0m, product: "Free"),
        ]);

        var negative = Assert.Single(result.BelowZero);
        Assert.Equal(-50m, negative.Mrr);
        Assert.DoesNotContain(result.Revenue, r => r.Product == "Free");
        var model = RevenueModel.Build([], result.Revenue);
        Assert.Equal(0m, model.Accounts.Single().Total[0]);
    }

    [Fact]
    public void Normalise_EndNotAfterStart_IsRejectedWithReason()
    {
        var result = InvoiceNormalisation.Normalise([Line("2024-05-01", "2024-05-01", 10m), Line("2024-05-01", "2024-06-01", 10m)]);

        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(1, rejected.Index);
        Assert.Contains("service_end", rejected.Reason, StringComparison.Ordinal);
        Assert.Single(result.Revenue);
    }
}
