using System.Globalization;
using System.Text;

namespace ExpansionDashboard.TestKit.Books;

/// <summary>
/// A small book with thirteen months (2025-09 … 2026-09), so trailing-12-month figures exist, and every movement once.
/// Its figures, worked by hand for 2026-09 (window 2025-09 → 2026-09):
/// <list type="bullet">
/// <item>A1 Enterprise: 1,000 a month, 1,500 from 2026-09 (expansion +500).</item>
/// <item>A2 SMB: 300 every month.</item>
/// <item>A3 SMB: new in 2026-03 at 100.</item>
/// <item>A4 SMB: 200 until 2026-05, churned in 2026-06.</item>
/// <item>MRR 2026-09 = 1,500 + 300 + 100 = 1,900; ARR 22,800.</item>
/// <item>Cohort of 2025-09: A1, A2, A4, start 1,500. End 1,500 + 300 + 0 = 1,800: NRR T12M 120 %.</item>
/// <item>GRR T12M = (1,000 + 300 + 0) ÷ 1,500 = 86.67 %; logo retention 2 of 3 = 66.67 %.</item>
/// <item>New ARR over 2025-10 … 2026-09: New 100, Expansion 500: expansion share 500 ÷ 600 = 83.33 %.</item>
/// <item>Maturity: share ≥ 60 % and NRR ≥ 120 % but not ≥ 70 % and ≥ 130 %: stage 4.</item>
/// <item>Expansion rate 2026-09: Enterprise 500 ÷ 1,000 = 50 %; SMB 0 ÷ 400 = 0 %; company 500 ÷ 1,400 = 35.71 %.</item>
/// </list>
/// </summary>
public static class YearBook
{
    public static readonly DateTimeOffset Now = new(2026, 10, 5, 9, 0, 0, TimeSpan.Zero);

    public const string Accounts = """
        account_id,name,segment,industry,region,csm
        A1,Alpha Health,Enterprise,Healthcare,EMEA,Ana
        A2,Beta Retail,SMB,Retail,APAC,Ben
        A3,Gamma Logistics,SMB,Logistics,EMEA,Ben
        A4,Delta Foods,SMB,Retail,APAC,Ana
        """;

    /// <summary>The mrr file: one line per account and month it paid.</summary>
    public static string Mrr { get; } = BuildMrr();

    private static string BuildMrr()
    {
        var csv = new StringBuilder("account_id,month,product,mrr\n");
        for (var month = new DateOnly(2025, 9, 1); month <= new DateOnly(2026, 9, 1); month = month.AddMonths(1))
        {
            Line(csv, "A1", month, month == new DateOnly(2026, 9, 1) ? 1500 : 1000);
            Line(csv, "A2", month, 300);
            if (month >= new DateOnly(2026, 3, 1))
            {
                Line(csv, "A3", month, 100);
            }

            if (month <= new DateOnly(2026, 5, 1))
            {
                Line(csv, "A4", month, 200);
            }
        }

        return csv.ToString();
    }

    private static void Line(StringBuilder csv, string account, DateOnly month, decimal mrr) =>
        csv.Append(CultureInfo.InvariantCulture, $"{account},{month:yyyy-MM},Core,{mrr:0.00}\n");
}
