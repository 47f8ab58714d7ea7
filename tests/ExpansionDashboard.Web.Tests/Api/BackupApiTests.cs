using System.Net;

namespace ExpansionDashboard.Web.Tests.Api;

[Trait(Lanes.Category, Lanes.Host)]
public sealed class BackupApiTests
{
    private const string ApiKey = "backup-test-admin-key-0123456789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Backup_AdminDownloadsRestoresIntoAFreshApp_SameFiguresViewerRefused()
    {
        await using var original = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true", ["Dashboard:BootstrapApiKey"] = ApiKey });
        using var admin = original.CreateApiClient(ApiKey);

        using var response = await admin.GetAsync("/api/admin/backup", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("expansiondashboard-", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal("SQLite format 3\0", System.Text.Encoding.ASCII.GetString(bytes, 0, 16));
        var summary = await admin.GetStringAsync("/api/metrics/summary?month=2026-10", Ct);
        var coverage = await admin.GetStringAsync("/api/pipeline/coverage?quarter=2026-Q4", Ct);

        // Restore as the README says: the backup file becomes the database of a new instance (no demo seeding).
        await using var restored = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:BootstrapApiKey"] = ApiKey });
        Directory.CreateDirectory(Path.GetDirectoryName(restored.DatabasePath)!);
        await File.WriteAllBytesAsync(restored.DatabasePath, bytes, Ct);
        using var restoredAdmin = restored.CreateApiClient(ApiKey);
        Assert.Equal(summary, await restoredAdmin.GetStringAsync("/api/metrics/summary?month=2026-10", Ct));
        Assert.Equal(coverage, await restoredAdmin.GetStringAsync("/api/pipeline/coverage?quarter=2026-Q4", Ct));

        using var anonymous = original.CreateApiClient(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/backup", Ct)).StatusCode);
    }
}
