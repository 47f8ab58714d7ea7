using System.Net;

namespace ExpansionDashboard.Web.Tests.Hosting;

/// <summary>The store's files (data, password hashes, the key ring) and backup copies are the app user's only: 0600 in 0700 folders.</summary>
[Trait(Lanes.Category, Lanes.Host)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const string AdminKey = "private-files-admin-key-0123456789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Store_CreatedOnFirstStart_Database0600WalAndShm0600Folder0700()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>());
        using var client = app.CreateApiClient(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);

        Assert.Equal(Private, File.GetUnixFileMode(app.DatabasePath));
        Assert.Equal(Private, File.GetUnixFileMode(app.DatabasePath + "-wal"));
        Assert.Equal(Private, File.GetUnixFileMode(app.DatabasePath + "-shm"));
        Assert.Equal(PrivateFolder, File.GetUnixFileMode(Path.GetDirectoryName(app.DatabasePath)!));
    }

    [Fact]
    public async Task Store_ExistingWorldReadable_NarrowedTo0600OnStart()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>());
        Directory.CreateDirectory(Path.GetDirectoryName(app.DatabasePath)!);
        await File.WriteAllBytesAsync(app.DatabasePath, [], Ct);
        File.SetUnixFileMode(app.DatabasePath, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        _ = app.CreateApiClient(null);

        Assert.Equal(Private, File.GetUnixFileMode(app.DatabasePath));
    }

    [Fact]
    public async Task Backup_WhileStreaming_TempCopy0600InA0700FolderRemovedAfterwards()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true", ["Dashboard:BootstrapApiKey"] = AdminKey });
        using var admin = app.CreateApiClient(AdminKey);
        var before = BackupFolders().ToHashSet();

        // The demo store is several megabytes: the answer is still being written when its headers arrive.
        using (var response = await admin.GetAsync("/api/admin/backup", HttpCompletionOption.ResponseHeadersRead, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var folder = Assert.Single(BackupFolders(), f => !before.Contains(f));
            Assert.Equal(PrivateFolder, File.GetUnixFileMode(folder));
            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.Equal(Private, File.GetUnixFileMode(file));
            await (await response.Content.ReadAsStreamAsync(Ct)).CopyToAsync(Stream.Null, Ct);
        }

        await WaitUntilAsync(() => !BackupFolders().Any(f => !before.Contains(f)));
    }

    private static string[] BackupFolders() => Directory.GetDirectories(Path.GetTempPath(), "ed-backup-*");

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.True(condition(), "the backup's temporary folder was left behind");
    }
}
