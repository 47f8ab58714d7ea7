using System.Net;
using System.Net.Http.Headers;
using ExpansionDashboard.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Web.Tests.Auth;

/// <summary>
/// /api writes under the sign-in cookie need proof of intent (a custom header or an antiforgery token); what a
/// cross-origin no-cors fetch can send (text/plain, form, multipart) is refused and writes nothing. API keys are unchanged.
/// </summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class WriteIntentTests : IAsyncLifetime
{
    private const string ApiKey = "write-intent-admin-key-0123456789";
    private const string Targets = "quarter,segment,amount\n2027-Q1,,1000\n";

    private DashboardAppFactory _app = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true", ["Dashboard:BootstrapApiKey"] = ApiKey });
        _ = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<int> BatchCountAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<Data.DashboardDbContext>>().CreateDbContextAsync(Ct);
        return await db.ImportBatches.CountAsync(b => b.Status == Data.Import.ImportBatchStatus.Committed, Ct);
    }

    private async Task<int> AccountCountAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<Data.DashboardDbContext>>().CreateDbContextAsync(Ct);
        return await db.Accounts.CountAsync(Ct);
    }

    public static TheoryData<string> SimpleBodies => ["text/plain", "multipart", "form"];

    private static HttpContent Body(string kind) => kind switch
    {
        "text/plain" => new StringContent(Targets, System.Text.Encoding.UTF8, "text/plain"),
        "multipart" => new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Targets)), "file", "targets.csv" } },
        _ => new FormUrlEncodedContent(new Dictionary<string, string> { ["quarter,segment,amount\n2027-Q1,,1000\n"] = "" }),
    };

    [Theory]
    [MemberData(nameof(SimpleBodies))]
    public async Task CookieWrite_NoIntent_403ProblemWithReason_NothingImported(string kind)
    {
        var admin = await _app.SignedInClientAsync(DemoCredentials.AdminEmail, DemoCredentials.AdminPassword);
        var before = await BatchCountAsync();
        var accounts = await AccountCountAsync();

        using var import = await admin.PostAsync("/api/imports/targets", Body(kind), Ct);
        using var revert = await admin.PostAsync("/api/imports/batches/1/revert", Body(kind), Ct);
        using var demo = await admin.PostAsync("/api/demo/remove", Body(kind), Ct);

        foreach (var response in new[] { import, revert, demo })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(WriteIntent.HeaderName, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Equal((before, accounts), (await BatchCountAsync(), await AccountCountAsync()));
    }

    [Fact]
    public async Task CookieWrite_WithIntentHeaderOrAntiforgeryToken_Imports()
    {
        var admin = await _app.SignedInClientAsync(DemoCredentials.AdminEmail, DemoCredentials.AdminPassword);
        var before = await BatchCountAsync();

        using var withHeader = new HttpRequestMessage(HttpMethod.Post, "/api/imports/targets") { Content = new StringContent(Targets, System.Text.Encoding.UTF8, "text/csv") };
        withHeader.Headers.Add(WriteIntent.HeaderName, "1");
        using var first = await admin.SendAsync(withHeader, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/api/imports/targets") { Content = new StringContent(Targets.Replace("1000", "2000", StringComparison.Ordinal), System.Text.Encoding.UTF8, "text/csv") };
        withToken.Headers.Add(WriteIntent.AntiforgeryHeader, await AuthTestHost.PageTokenAsync(admin));
        using var second = await admin.SendAsync(withToken, Ct);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        using var badToken = new HttpRequestMessage(HttpMethod.Post, "/api/imports/targets") { Content = new StringContent(Targets, System.Text.Encoding.UTF8, "text/csv") };
        badToken.Headers.Add(WriteIntent.AntiforgeryHeader, "not-a-token");
        using var third = await admin.SendAsync(badToken, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, third.StatusCode);

        Assert.Equal(before + 2, await BatchCountAsync());
    }

    [Fact]
    public async Task ApiKeyWrite_TextPlainWithoutIntent_StillImports()
    {
        using var client = _app.CreateApiClient(ApiKey);
        var before = await BatchCountAsync();

        using var response = await client.PostAsync("/api/imports/targets", new StringContent(Targets, new MediaTypeHeaderValue("text/plain")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before + 1, await BatchCountAsync());
    }
}
