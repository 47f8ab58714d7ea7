using System.Net;
using System.Text;
using System.Text.Json;
using ExpansionDashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Web.Tests.Api;

/// <summary>The import API's column mapping: const.&lt;column&gt; values, conflicts with map.&lt;column&gt;, and presets.</summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class ImportApiConstantAndPresetTests : IAsyncLifetime
{
    private const string Key = "import-api-mapping-key-0123456789abcdef";
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?> { ["Dashboard:BootstrapApiKey"] = Key });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task Post_ConstantSegment_EveryNewAccountGetsIt()
    {
        using var client = _app.CreateApiClient(Key);

        var response = await client.PostAsync("/api/imports/mrr?const.segment=SMB",
            Csv("account_id,month,product,mrr,account_name\nK1,2026-09,Core,100,Kay One\nK2,2026-09,Core,40,Kay Two\n"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("SMB", json.GetProperty("constants").GetProperty("segment").GetString());
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);
        var segments = await db.Accounts.Where(a => a.ExternalId == "K1" || a.ExternalId == "K2").Select(a => a.Segment).ToListAsync(Ct);
        Assert.Equal(["SMB", "SMB"], segments);
    }

    [Fact]
    public async Task Post_ConstantForRequiredColumn_FillsTheMissingColumn()
    {
        using var client = _app.CreateApiClient(Key);

        var response = await client.PostAsync("/api/imports/mrr?dryRun=true&const.product=Core%20Platform&map.account_id=Customer",
            Csv("Customer,month,mrr\nK3,2026-09,100\n"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("preview");
        Assert.Equal(1, preview.GetProperty("rowsValid").GetInt32());
        Assert.Equal(0, preview.GetProperty("missingColumns").GetArrayLength());
    }

    [Fact]
    public async Task Post_ConstantAndMappingForSameColumn_400NamingTheColumn()
    {
        using var client = _app.CreateApiClient(Key);

        var response = await client.PostAsync("/api/imports/mrr?const.segment=SMB&map.segment=Tier", Csv("account_id,month,product,mrr,Tier\nK4,2026-09,Core,1,Mid\n"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("segment", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ConstantForUnknownColumn_400NamingIt()
    {
        using var client = _app.CreateApiClient(Key);

        var response = await client.PostAsync("/api/imports/mrr?const.colour=red", Csv("account_id,month,product,mrr\nK5,2026-09,Core,1\n"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("colour", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_HubSpotExportWithoutMapping_PresetRecognisedAndImported()
    {
        using var client = _app.CreateApiClient(Key);
        const string file = """
            Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,Deal owner,Deal Type,Pipeline,Associated Company IDs,Associated Company
            777000111,Hooli - seats,Contract sent,12000,2026-12-15,2026-09-02,Jamie Rivera,Existing Business,Sales Pipeline,880001,Hooli
            """;

        var response = await client.PostAsync("/api/imports/opportunities", Csv(file + "\n"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("HubSpot deals", json.GetProperty("preset").GetString());
        Assert.Equal(1, json.GetProperty("inserted").GetInt32());
    }
}
