using System.Net;
using System.Text.Json;
using ExpansionDashboard.Data.Queries;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Web.Tests.Hosting;

/// <summary>The read API on the demo data, authenticated with Dashboard:BootstrapApiKey.</summary>
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
    public async Task Summary_BadMonth_Is400WithReason()
    {
        using var client = Client();

        var response = await client.GetAsync("/api/metrics/summary?month=2026-13", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("YYYY-MM", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
