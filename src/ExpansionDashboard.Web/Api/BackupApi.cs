using ExpansionDashboard.Data.Backup;

namespace ExpansionDashboard.Web.Api;

public static class BackupApi
{
    /// <summary>
    /// <c>GET /api/admin/backup</c> (Admin): a consistent SQLite backup of the whole store as a file download; the
    /// README explains how to restore it.
    /// </summary>
    public static IEndpointRouteBuilder MapBackupApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/backup", async (DatabaseBackup backup, Data.Audit.AuditLog audit, TimeProvider time, ILoggerFactory logs, HttpContext http, CancellationToken ct) =>
        {
            if (!backup.IsSupported)
            {
                return Results.Problem("The store is on PostgreSQL: back it up with pg_dump (see docs/deploy.md).", statusCode: StatusCodes.Status501NotImplemented);
            }

            // The copy holds password hashes and the key ring: it is made in a folder only this user can enter and is
            // itself 0600; the folder goes when the answer is done (the file already on close).
            var folder = Hosting.PrivateFiles.CreateTempFolder("ed-backup-");
            var path = Path.Combine(folder.FullName, "backup.db");
            http.Response.OnCompleted(() =>
            {
                DeleteQuietly(folder);
                return Task.CompletedTask;
            });
            await backup.CreateAsync(path, ct);
            Hosting.PrivateFiles.Restrict(path);
            logs.CreateLogger("ExpansionDashboard.Backup").LogInformation("Backup downloaded by {User}.", http.User.Identity?.Name ?? "api key");
            await audit.WriteAsync(http.User.Identity?.Name ?? "api key", "backup.download", "database", ct: ct);
            var name = $"expansiondashboard-{time.GetLocalNow().ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.db";
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            return Results.File(stream, "application/vnd.sqlite3", name);
        }).RequireAuthorization(Policies.ApiWrite);
        return app;
    }

    private static void DeleteQuietly(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Still open elsewhere: the system's temp clean-up removes it; it is private to this user meanwhile.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
