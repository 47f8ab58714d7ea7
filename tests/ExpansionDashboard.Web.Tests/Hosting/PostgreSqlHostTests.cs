using System.Net;
using System.Text.Json;
using ExpansionDashboard.Data;
using ExpansionDashboard.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ExpansionDashboard.Web.Tests.Hosting;

/// <summary>The whole app on PostgreSQL (Dashboard:Database:Provider=PostgreSql), and the settings that choose the provider.</summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class PostgreSqlHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh database name on the test server; skips when no server is configured (CI always configures one).</summary>
    private static string FreshDatabase()
    {
        var server = Environment.GetEnvironmentVariable("DASHBOARD_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Skip("DASHBOARD_TEST_POSTGRES is not set: scripts/pg-cluster.sh start (as .ci/run does) runs this test.");
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = "ed_web_" + Guid.NewGuid().ToString("N") }.ToString();
    }

    private static async Task DropAsync(string cs)
    {
        var b = new NpgsqlConnectionStringBuilder(cs);
        var name = b.Database;
        NpgsqlConnection.ClearAllPools();
        b.Database = "postgres";
        await using var c = new NpgsqlConnection(b.ToString());
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", c);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Start_OnPostgreSql_CreatesMigratesSeedsAndServesTheSameFigures()
    {
        var cs = FreshDatabase();
        try
        {
            await using var pg = new DashboardAppFactory(new Dictionary<string, string?>
            {
                ["Dashboard:Database:Provider"] = "PostgreSql",
                ["ConnectionStrings:Dashboard"] = cs,
                ["Dashboard:DemoData"] = "true",
            });
            await using var lite = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true" });

            using var pgClient = await pg.SignedInClientAsync(DemoCredentials.AdminEmail, DemoCredentials.AdminPassword);
            using var liteClient = await lite.SignedInClientAsync(DemoCredentials.AdminEmail, DemoCredentials.AdminPassword);

            // The store really is PostgreSQL, with every migration of its own set applied.
            using (var scope = pg.Services.CreateScope())
            {
                await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);
                Assert.Equal(DatabaseProvider.PostgreSql, db.Dialect.Provider);
                Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
                Assert.Equal(2000, await db.Accounts.CountAsync(Ct));
                Assert.True(await db.OpportunityStageHistory.AnyAsync(Ct));
                Assert.True(await db.DataProtectionKeys.AnyAsync(Ct));
            }

            // Same demo, same numbers, whichever database holds it.
            using var onPg = JsonDocument.Parse(await pgClient.GetStringAsync("/api/metrics/summary", Ct));
            using var onLite = JsonDocument.Parse(await liteClient.GetStringAsync("/api/metrics/summary", Ct));
            AssertSameJson(onLite.RootElement, onPg.RootElement, "$");
            Assert.Equal(HttpStatusCode.OK, (await pgClient.GetAsync("/pipeline/forecast", Ct)).StatusCode);

            // The app cannot copy a server database: the backup endpoint says how instead.
            using var backup = await pgClient.GetAsync("/api/admin/backup", Ct);
            Assert.Equal(HttpStatusCode.NotImplemented, backup.StatusCode);
            Assert.Contains("pg_dump", await backup.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            var admin = await pgClient.GetStringAsync("/admin", Ct);
            Assert.Contains("data-testid=\"store-database\">PostgreSQL<", admin, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"backup-postgres\"", admin, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"download-backup\"", admin, StringComparison.Ordinal);
        }
        finally
        {
            await DropAsync(cs);
        }
    }

    [Fact]
    public async Task TwoInstancesOnOneDatabase_ShareSignInCookies()
    {
        var cs = FreshDatabase();
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Dashboard:Database:Provider"] = "PostgreSql",
                ["ConnectionStrings:Dashboard"] = cs,
                ["Dashboard:DemoData"] = "true",
            };
            await using var first = new DashboardAppFactory(settings);
            await using var second = new DashboardAppFactory(settings);
            await using var elsewhere = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true" });
            var cookie = await SignInCookieAsync(first);

            // The key ring is in the database: a cookie the first instance issued is good on the second (as behind a load
            // balancer), and not on an instance with another store.
            Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(second, cookie));
            Assert.NotEqual(HttpStatusCode.OK, await StatusWithCookieAsync(elsewhere, cookie));
        }
        finally
        {
            await DropAsync(cs);
        }
    }

    /// <summary>Equal JSON, numbers compared by value (a decimal's scale may differ between the databases: 1.0 and 1).</summary>
    private static void AssertSameJson(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: {expected.ValueKind} vs {actual.ValueKind}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name), actual.EnumerateObject().Select(p => p.Name));
                foreach (var p in expected.EnumerateObject())
                {
                    AssertSameJson(p.Value, actual.GetProperty(p.Name), $"{path}.{p.Name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    AssertSameJson(expected[i], actual[i], $"{path}[{i}]");
                }

                break;
            case JsonValueKind.Number:
                Assert.True(expected.GetDecimal() == actual.GetDecimal(), $"{path}: {expected} vs {actual}");
                break;
            default:
                Assert.Equal(expected.GetRawText(), actual.GetRawText());
                break;
        }
    }

    private static async Task<HttpStatusCode> StatusWithCookieAsync(DashboardAppFactory app, string cookie)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/metrics/summary");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    /// <summary>Signs in through the real form, carrying cookies by hand, and returns the sign-in cookie header.</summary>
    private static async Task<string> SignInCookieAsync(DashboardAppFactory app)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var get = await client.GetAsync("/Account/Login", Ct);
        var antiforgery = string.Join("; ", get.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var html = await get.Content.ReadAsStringAsync(Ct);
        var fields = System.Text.RegularExpressions.Regex.Matches(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["Input.Email"] = DemoCredentials.ViewerEmail;
        fields["Input.Password"] = DemoCredentials.ViewerPassword;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", antiforgery);
        using var response = await client.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("ExpansionDashboard.Auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Start_UnknownProvider_FailsWithMessageNamingTheKey()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:Database:Provider"] = "Oracle" });

        var ex = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Dashboard:Database:Provider", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgreSqlWithoutConnectionString_FailsWithMessageNamingTheSetting()
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>
        {
            ["Dashboard:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Dashboard"] = "",
        });

        var ex = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("ConnectionStrings:Dashboard", ex.ToString(), StringComparison.Ordinal);
    }
}
