using System.Text;
using ExpansionDashboard.Data.Api;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Api;

/// <summary>
/// The anonymised real invoice history (../shared/data/real/q-invoice-lines) through the import service into a real
/// store with AUD as the reporting currency, checked against the worked example in docs/metrics.md.
/// </summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class RealInvoiceHistoryTests : IAsyncLifetime
{
    // The one fixed rate per currency the export's own AUD column was converted at, dated before the first line.
    private const string Rates = "month,currency,rate\n2008-01,USD,1.351351\n2008-01,GBP,1.923077\n2008-01,EUR,1.515152\n2008-01,NZD,0.952381\n2008-01,CNY,0.206612\n";

    private static readonly Dictionary<string, string> Mapping = new()
    {
        ["account_id"] = "name",
        ["service_start"] = "ValidFrom",
        ["service_end"] = "ValidTo",
        ["amount"] = "Amount",
        ["currency"] = "currency",
    };

    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = default!;
    private DashboardSnapshotProvider _snapshots = default!;
    private ImportService _imports = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateMigratedAsync();
        var aud = new ReportingCurrency("AUD");
        _snapshots = new DashboardSnapshotProvider(_db, aud);
        _imports = new ImportService(_db, _snapshots, Time, NullLogger<ImportService>.Instance, aud);
    }

    public async ValueTask DisposeAsync()
    {
        _snapshots.Dispose();
        await _db.DisposeAsync();
    }

    private static string File()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "real", "q-invoice-lines", "q_invoice_lines.csv");
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Skip("../shared/data/real/q-invoice-lines/q_invoice_lines.csv is not on this machine.");
        return "";
    }

    private async Task<ImportOutcome> ImportInvoicesAsync(string path)
    {
        await using var file = System.IO.File.OpenRead(path);
        return await _imports.CommitAsync(ImportKind.InvoiceLines, file, "q_invoice_lines.csv", "tester", skipRejected: false, Mapping, null, Ct);
    }

    [Fact]
    public async Task Import_WithRatesInAud_MatchesTheWorkedExampleAt201606()
    {
        var path = File();
        await _imports.CommitAsync(ImportKind.FxRates, new MemoryStream(Encoding.UTF8.GetBytes(Rates)), "fx.csv", "tester", false, null, null, Ct);
        var outcome = await ImportInvoicesAsync(path);
        var api = new MetricsApiQuery(_snapshots, Time, new SettingsProvider(_db));

        var snap = await _snapshots.GetAsync(Ct);
        var summary = await api.SummaryAsync(null, AccountFilter.All, Ct);

        Assert.Equal(3769, outcome.RowsRead);
        Assert.Equal(0, outcome.Rejected);
        Assert.Equal(777, outcome.NewAccounts);
        Assert.Equal(new Month(2016, 6), snap.Horizon);
        Assert.Equal(outcome.BatchId, snap.HorizonSetBy?.BatchId);
        Assert.Equal("2016-06", summary.Month);
        Assert.Equal("AUD", summary.Currency);
        Assert.Equal(338200.20m, Math.Round(summary.Mrr!.Value, 2));
        Assert.Equal(4058402.43m, Math.Round(summary.Arr!.Value, 2));
        Assert.Equal(93.61m, Math.Round(summary.NrrT12m!.Value, 2));
        Assert.Equal(68.90m, Math.Round(summary.GrrT12m!.Value, 2));
        Assert.Equal(75.92m, Math.Round(summary.LogoRetentionT12m!.Value, 2));
        Assert.Equal(92.32m, Math.Round(summary.NrrMonthly!.Value, 2));
        var june = summary.Movements!;
        Assert.Equal((2151.78m, 0m, 3058.39m, -15387.19m, -15643.28m, 0m),
            (Math.Round(june.New, 2), june.Reactivation, Math.Round(june.Expansion, 2), Math.Round(june.Contraction, 2), Math.Round(june.Churn, 2), Math.Round(june.Fx, 2)));

        var coverage = await api.CoverageAsync(null, null, Ct);
        Assert.Equal(("2016-Q2", "no-target"), (coverage.Quarter, coverage.Band));
    }

    [Fact]
    public async Task Movements_WholeHistory_IdentityHoldsEveryMonthAndNothingAfterTheHorizon()
    {
        var path = File();
        await _imports.CommitAsync(ImportKind.FxRates, new MemoryStream(Encoding.UTF8.GetBytes(Rates)), "fx.csv", "tester", false, null, null, Ct);
        await ImportInvoicesAsync(path);
        var api = new MetricsApiQuery(_snapshots, Time, new SettingsProvider(_db));

        var months = await api.MovementsAsync(new Month(2008, 1), new Month(2017, 12), AccountFilter.All, Ct);

        var reported = months.Where(m => m.Movements is not null).ToList();
        Assert.Equal("2008-09", reported[0].Month);
        Assert.Equal("2016-06", reported[^1].Month);
        Assert.All(reported, m => Assert.Equal(m.Mrr - m.PreviousMrr,
            m.Movements!.New + m.Movements.Reactivation + m.Movements.Expansion + m.Movements.Contraction + m.Movements.Churn + m.Movements.Fx));
        Assert.All(months.Where(m => string.CompareOrdinal(m.Month, "2016-06") > 0), m => Assert.Null(m.Mrr));
    }

    [Fact]
    public async Task Import_WithoutRates_RejectsForeignRowsNamingCurrencyAndMonth()
    {
        var path = File();
        await using var file = System.IO.File.OpenRead(path);

        var preview = await _imports.PreviewAsync(ImportKind.InvoiceLines, file, "q_invoice_lines.csv", Mapping, Ct);

        Assert.Equal(3769 - 2402, preview.RowsRejected);
        var usd = preview.Errors.First(e => e.Reason.Contains("USD", StringComparison.Ordinal));
        Assert.Equal("currency", usd.Column);
        Assert.Matches(@"\d{4}-\d{2}", usd.Reason);
        Assert.Contains(preview.CurrencyTotals, t => t.Currency == "GBP" && t.Rows == 307);
    }
}
