using System.Net;
using System.Text.Json;
using ExpansionDashboard.Data.Overview;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Web.Tests.Api;

/// <summary>The read API on the demo data, authenticated with Dashboard:BootstrapApiKey.</summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class MetricsApiTests : IAsyncLifetime
{
    private const string Key = "test-bootstrap-key-0123456789abcdef";
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true", ["Dashboard:BootstrapApiKey"] = Key });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private HttpClient Client(string? key = Key) => _app.CreateApiClient(key);

    [Fact]
    public async Task Summary_BootstrapKey_ReturnsContractFieldsMatchingTheOverview()
    {
        using var client = Client();

        var response = await client.GetAsync("/api/metrics/summary", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;
        foreach (var field in new[] { "month", "mrr", "arr", "nrrMonthly", "nrrT12m", "grrT12m", "logoRetentionT12m", "expansionRate", "quickRatio", "movements" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        }

        foreach (var field in new[] { "new", "reactivation", "expansion", "contraction", "churn" })
        {
            Assert.True(root.GetProperty("movements").TryGetProperty(field, out _), $"missing movements.{field}");
        }

        var overview = await _app.Services.GetRequiredService<OverviewQuery>().GetAsync(ct: TestContext.Current.CancellationToken);
        Assert.Equal(overview.AsOf.ToString(), root.GetProperty("month").GetString());
        Assert.Equal(overview.Mrr.Value, root.GetProperty("mrr").GetDecimal());
        Assert.Equal(overview.Mrr.Value * 12m, root.GetProperty("arr").GetDecimal());
        Assert.Equal(overview.NrrT12m.Value, root.GetProperty("nrrT12m").GetDecimal());
        Assert.Equal(overview.ExpansionRate.Value, root.GetProperty("expansionRate").GetDecimal());
        Assert.True(root.GetProperty("movements").GetProperty("churn").GetDecimal() <= 0);
    }

    [Fact]
    public async Task Summary_SegmentAndMonth_FiltersTheFigures()
    {
        using var client = Client();

        var all = JsonDocument.Parse(await client.GetStringAsync("/api/metrics/summary?month=2026-06", TestContext.Current.CancellationToken)).RootElement;
        var smb = JsonDocument.Parse(await client.GetStringAsync("/api/metrics/summary?month=2026-06&segment=SMB", TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal("2026-06", all.GetProperty("month").GetString());
        Assert.True(smb.GetProperty("mrr").GetDecimal() < all.GetProperty("mrr").GetDecimal());
        Assert.True(smb.GetProperty("mrr").GetDecimal() > 0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-wrong-key-wrong-key")]
    public async Task Summary_MissingOrWrongKey_Is401NotARedirect(string? key)
    {
        using var client = Client(key);

        var response = await client.GetAsync("/api/metrics/summary", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Movements_Range_OneEntryPerMonthMatchingSummary()
    {
        using var client = Client();

        var months = JsonDocument.Parse(await client.GetStringAsync("/api/metrics/movements?from=2026-01&to=2026-06&segment=SMB", TestContext.Current.CancellationToken)).RootElement;
        var june = JsonDocument.Parse(await client.GetStringAsync("/api/metrics/summary?month=2026-06&segment=SMB", TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(6, months.GetArrayLength());
        Assert.Equal("2026-01", months[0].GetProperty("month").GetString());
        var last = months[5];
        Assert.Equal("2026-06", last.GetProperty("month").GetString());
        foreach (var field in new[] { "new", "reactivation", "expansion", "contraction", "churn" })
        {
            Assert.Equal(june.GetProperty("movements").GetProperty(field).GetDecimal(), last.GetProperty("movements").GetProperty(field).GetDecimal());
        }

        Assert.All(months.EnumerateArray(), m =>
        {
            Assert.True(m.GetProperty("movements").GetProperty("contraction").GetDecimal() <= 0);
            Assert.True(m.GetProperty("movements").GetProperty("churn").GetDecimal() <= 0);
        });
    }

    [Theory]
    [InlineData("/api/metrics/movements?from=2026-06&to=2026-01")]
    [InlineData("/api/metrics/movements?from=June&to=2026-01")]
    [InlineData("/api/metrics/cohorts?grain=week")]
    [InlineData("/api/pipeline/coverage?quarter=2026-Q7")]
    public async Task ReadApi_BadParameters_Are400(string url)
    {
        using var client = Client();

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Cohorts_QuarterRevenue_RowsWithEmptyCellsNotReached()
    {
        using var client = Client();

        var json = JsonDocument.Parse(await client.GetStringAsync("/api/metrics/cohorts?grain=quarter&measure=revenue", TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal("quarter", json.GetProperty("grain").GetString());
        var rows = json.GetProperty("rows");
        Assert.True(rows.GetArrayLength() >= 12);
        var newest = rows[rows.GetArrayLength() - 1];
        Assert.Equal(100m, newest.GetProperty("cells")[0].GetDecimal());
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("cells")[30].ValueKind);
        Assert.Equal(rows.GetArrayLength(), rows.EnumerateArray().Select(r => r.GetProperty("cohort").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Coverage_SmbCurrentQuarter_AlertBandWithContractFields()
    {
        using var client = Client();
        var quarter = ExpansionDashboard.Metrics.Model.Quarter.Of(DateOnly.FromDateTime(DateTime.Now)).ToString();

        var json = JsonDocument.Parse(await client.GetStringAsync($"/api/pipeline/coverage?quarter={quarter}&segment=SMB", TestContext.Current.CancellationToken)).RootElement;

        foreach (var field in new[] { "openPipeline", "closedWon", "target", "remainingTarget", "coverage", "grossCoverage", "band" })
        {
            Assert.True(json.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.Equal("alert", json.GetProperty("band").GetString());
        Assert.Equal(json.GetProperty("openPipeline").GetDecimal() / json.GetProperty("remainingTarget").GetDecimal(), json.GetProperty("coverage").GetDecimal());
        Assert.Equal(json.GetProperty("target").GetDecimal() - json.GetProperty("closedWon").GetDecimal(), json.GetProperty("remainingTarget").GetDecimal());
    }

    [Fact]
    public async Task Summary_BadMonth_Is400WithReason()
    {
        using var client = Client();

        var response = await client.GetAsync("/api/metrics/summary?month=2026-13", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("YYYY-MM", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
