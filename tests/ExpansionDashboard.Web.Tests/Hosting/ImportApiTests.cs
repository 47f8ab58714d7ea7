using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ExpansionDashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Web.Tests.Hosting;

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
