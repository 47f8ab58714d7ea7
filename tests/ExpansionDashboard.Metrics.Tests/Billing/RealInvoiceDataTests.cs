using System.Globalization;
using ExpansionDashboard.Metrics.Billing;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Metrics.Tests.Billing;

/// <summary>
/// Cross-check on a real subscription business's invoice history (../shared/data/real/q-invoice-lines, GPL-3, not
/// part of the project): CI always has it; elsewhere the test reports that it was skipped.
/// </summary>
public class RealInvoiceDataTests
{
    internal static string? FindSharedFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [Fact]
    public void QInvoiceLines_EveryMonth_MovementsSumToChangeInMrr()
    {
        var path = FindSharedFile("data/real/q-invoice-lines/q_invoice_lines.csv");
        if (path is null)
        {
            Assert.Skip("../shared/data/real/q-invoice-lines/q_invoice_lines.csv is not on this machine.");
        }

        var lines = ReadLines(path);
        Assert.Equal(3769, lines.Count);

        var result = InvoiceNormalisation.Normalise(lines);
        var model = RevenueModel.Build([], result.Revenue);
        var months = MrrMovements.Compute(model);

        Assert.True(months.Count > 80, $"expected about 8 years of months, got {months.Count}");
        foreach (var m in months)
        {
            Assert.Equal(m.EndMrr, m.StartMrr + m.New + m.Reactivation + m.Expansion + m.Contraction + m.Churn);
            var t = model.IndexOf(m.Month);
            Assert.Equal(model.Accounts.Sum(a => a.Total[t]), m.EndMrr);
        }

        // Real messiness is present and handled: reactivations (late renewals) and churn.
        Assert.Contains(months, m => m.Reactivation > 0);
        Assert.Contains(months, m => m.Churn < 0);

        // NRR and GRR stay internally consistent on real data.
        var end = model.LastMonth.AddMonths(-1);
        var window = RetentionWindow.Compute(model, end.AddMonths(-12), end);
        Assert.True(window.Grr <= 100m);
        Assert.True(window.Grr <= window.Nrr || window.Nrr is null);
    }

    private static List<InvoiceLineInput> ReadLines(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvHelper.CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var list = new List<InvoiceLineInput>();
        while (csv.Read())
        {
            list.Add(new InvoiceLineInput(
                csv.GetField("CustOrgID")!,
                "Subscription",
                DateOnly.Parse(csv.GetField("ValidFrom")!, CultureInfo.InvariantCulture),
                DateOnly.Parse(csv.GetField("ValidTo")!, CultureInfo.InvariantCulture),
                decimal.Parse(csv.GetField("AUD")!, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return list;
    }
}
