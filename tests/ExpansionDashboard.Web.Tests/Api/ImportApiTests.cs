using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ExpansionDashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Web.Tests.Api;

[Trait(Lanes.Category, Lanes.Host)]
public sealed class ImportApiTests : IAsyncLifetime
{
    private const string Key = "import-api-test-key-0123456789abcdef";
    private const string Accounts = "account_id,name,segment,industry,region,csm\nA1,Alpha,Enterprise,Healthcare,EMEA,Ana\n";
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?>
    {
        ["Dashboard:BootstrapApiKey"] = Key,
        ["Dashboard:Import:MaxUploadMegabytes"] = "1",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private HttpClient Client(string? key = Key) => _app.CreateApiClient(key);

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private async Task<int> CountAccountsAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Accounts.CountAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Post_DryRun_ReturnsPreviewAndWritesNothing()
    {
        using var client = Client();

        var response = await client.PostAsync("/api/imports/accounts?dryRun=true", Csv(Accounts), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(1, json.GetProperty("preview").GetProperty("new").GetInt32());
        Assert.Equal(0, await CountAccountsAsync());
    }

    [Fact]
    public async Task Post_Commit_ReturnsBatchAndCounts_ReimportChangesNothing()
    {
        using var client = Client();

        var first = JsonDocument.Parse(await (await client.PostAsync("/api/imports/accounts", Csv(Accounts), TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var second = JsonDocument.Parse(await (await client.PostAsync("/api/imports/accounts", Csv(Accounts), TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.True(first.GetProperty("batchId").GetInt64() > 0);
        Assert.Equal(1, first.GetProperty("inserted").GetInt32());
        Assert.Equal(0, second.GetProperty("inserted").GetInt32() + second.GetProperty("updated").GetInt32());
        Assert.Equal(1, second.GetProperty("unchanged").GetInt32());
        Assert.Equal(1, await CountAccountsAsync());
    }

    [Fact]
    public async Task Post_Multipart_IsAccepted()
    {
        using var client = Client();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Accounts));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "accounts.csv");

        var response = await client.PostAsync("/api/imports/accounts", form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await CountAccountsAsync());
    }

    [Fact]
    public async Task Post_BadRows_400WithLineColumnReasonAndNothingWritten()
    {
        using var client = Client();

        var response = await client.PostAsync("/api/imports/mrr", Csv("account_id,month,product,mrr\nA1,2026-13,Core,x\n"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("errors");
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("line").GetInt32() == 2 && e.GetProperty("column").GetString() == "month");
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("column").GetString() == "mrr" && e.GetProperty("reason").GetString()!.Contains("not a number", StringComparison.Ordinal));
        Assert.Equal(0, await CountAccountsAsync());
    }

    [Fact]
    public async Task Post_WithoutKey_401()
    {
        using var client = Client(key: null);

        var response = await client.PostAsync("/api/imports/accounts", Csv(Accounts), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownKind_404ListsKinds()
    {
        using var client = Client();

        var response = await client.PostAsync("/api/imports/customers", Csv(Accounts), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("invoice-lines", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OverUploadLimit_413NamesTheSetting()
    {
        using var client = Client();
        var big = "account_id,name\n" + string.Concat(Enumerable.Range(0, 60_000).Select(i => $"A{i},Name {i} padded to be long enough\n"));

        var response = await client.PostAsync("/api/imports/accounts", Csv(big), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("MaxUploadMegabytes", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, await CountAccountsAsync());
    }

    [Fact]
    public async Task Template_EveryKind_HasCanonicalHeader()
    {
        using var client = Client();

        var csv = await client.GetStringAsync("/api/imports/templates/invoice-lines", TestContext.Current.CancellationToken);

        Assert.StartsWith("account_id,product,service_start,service_end,amount", csv, StringComparison.Ordinal);
    }
}

[Trait(Lanes.Category, Lanes.Host)]
public sealed class ImportApiMappingTests : IAsyncLifetime
{
    private const string Key = "import-api-map-key-0123456789abcdef";
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?> { ["Dashboard:BootstrapApiKey"] = Key });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Post_MapQueryParameters_MapsFileHeaders()
    {
        using var client = _app.CreateApiClient(Key);
        var body = new StringContent("Customer,Period,Item,Monthly Revenue\nA1,2026-10,Core,10\n", System.Text.Encoding.UTF8, "text/csv");

        var unmapped = await client.PostAsync("/api/imports/mrr", new StringContent("Customer,Period,Item,Monthly Revenue\nA1,2026-10,Core,10\n", System.Text.Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);
        var mapped = await client.PostAsync("/api/imports/mrr?map.account_id=Customer&map.month=Period&map.product=Item&map.mrr=Monthly%20Revenue", body, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unmapped.StatusCode);
        Assert.Contains("Map them", await unmapped.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, mapped.StatusCode);
    }

    [Fact]
    public async Task Post_RealInvoiceFile_WithIssueMapping_ImportsWithReport()
    {
        string? path = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && path is null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "real", "q-invoice-lines", "q_invoice_lines.csv");
            path = File.Exists(candidate) ? candidate : null;
        }

        if (path is null)
        {
            Assert.Skip("../shared/data/real/q-invoice-lines/q_invoice_lines.csv is not on this machine.");
        }

        // The file's amounts are in six currencies: in AUD (the business's own) with the one fixed rate its AUD column used.
        await using var aud = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:BootstrapApiKey"] = Key, ["Dashboard:Currency"] = "AUD" });
        using var client = aud.CreateApiClient(Key);
        var rates = await client.PostAsync("/api/imports/fx-rates", new StringContent(
            "month,currency,rate\n2008-01,USD,1.351351\n2008-01,GBP,1.923077\n2008-01,EUR,1.515152\n2008-01,NZD,0.952381\n2008-01,CNY,0.206612\n",
            System.Text.Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, rates.StatusCode);
        const string map = "map.account_id=name&map.service_start=ValidFrom&map.service_end=ValidTo&map.amount=Amount&map.currency=currency&map.region=country&map.csm=salesman";
        using var dry = new StreamContent(File.OpenRead(path));
        dry.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");

        var preview = System.Text.Json.JsonDocument.Parse(await (await client.PostAsync($"/api/imports/invoice-lines?dryRun=true&{map}", dry, TestContext.Current.CancellationToken))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("preview");
        using var body = new StreamContent(File.OpenRead(path));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var commit = await client.PostAsync($"/api/imports/invoice-lines?{map}", body, TestContext.Current.CancellationToken);

        Assert.Equal(3769, preview.GetProperty("rowsRead").GetInt32());
        Assert.Equal(0, preview.GetProperty("rowsRejected").GetInt32());
        Assert.True(preview.GetProperty("warningCount").GetInt32() > 0);
        Assert.Equal(System.Net.HttpStatusCode.OK, commit.StatusCode);
        var result = System.Text.Json.JsonDocument.Parse(await commit.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(777, result.GetProperty("newAccounts").GetInt32());
        var summary = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/metrics/summary", TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("2016-06", summary.GetProperty("horizon").GetString());
        Assert.Equal("AUD", summary.GetProperty("currency").GetString());
    }
}
