using Bunit;
using ExpansionDashboard.Data;
using ExpansionDashboard.Data.Demo;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Web.Features.Admin;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Web.Tests.Features.Admin;

/// <summary>The import page's demo prompt against a real SQLite store holding the demo.</summary>
[Trait(Lanes.Category, Lanes.Store)]
public sealed class DemoDataPromptTests : MudComponentTest, IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ed-web-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<IDbContextFactory<DashboardDbContext>> StoreAsync(bool demo, bool realImport = false)
    {
        Context.Services.AddLogging();
        Context.Services.AddDashboardData(_ => $"Data Source={Path.Combine(_folder, "dashboard.db")}", _ => ExpansionDashboard.Data.Sqlite.SqliteStoreDialect.Instance);
        Context.Services.AddScoped<ExpansionDashboard.Web.Auth.AdminRights>();
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("owner@example.com");
        auth.SetRoles("Admin");
        var sp = Context.Services;
        await sp.GetRequiredService<DatabaseMigrator>().MigrateAsync(Ct);
        if (demo)
        {
            await sp.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(Ct);
        }

        if (realImport)
        {
            await sp.GetRequiredService<ImportService>().CommitAsync(
                ImportKind.Mrr, new MemoryStream("account_id,month,product,mrr\nREAL-1,2026-10,Core,700\n"u8.ToArray()), "real.csv", "owner@example.com", ct: Ct);
        }

        return sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
    }

    [Fact]
    public async Task Prompt_KeepAndImportOnTop_HidesAndLeavesTheDemo()
    {
        var factory = await StoreAsync(demo: true);
        var cut = Context.Render<DemoDataPrompt>();
        cut.WaitForElement("[data-testid=demo-prompt]");

        await cut.Find("[data-testid=demo-prompt-keep]").ClickAsync(new());

        Assert.Empty(cut.FindAll("[data-testid=demo-prompt]"));
        await using var db = await factory.CreateDbContextAsync(Ct);
        Assert.Equal(2000, await db.Accounts.CountAsync(Ct));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task Prompt_NoDemoOrAfterTheFirstRealImport_ShowsNothing(bool demo, bool realImport)
    {
        await StoreAsync(demo, realImport);

        var cut = Context.Render<DemoDataPrompt>();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=demo-prompt]")));
        Assert.Equal("", cut.Markup.Trim());
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
