using System.Text;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Web.Api;

namespace ExpansionDashboard.Web.Tests.Api;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class UploadSpoolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CopyAsync_SpoolsIntoAppFolder_OwnerOnlyAndDeletedOnDispose()
    {
        string path;
        await using (var spool = await UploadSpool.CopyAsync(new MemoryStream(Encoding.UTF8.GetBytes("account_id\nA1\n")), 1024, Ct))
        {
            path = spool.Path;
            Assert.Equal(ImportTempFiles.Folder, Path.GetDirectoryName(path));
            if (!OperatingSystem.IsWindows())
            {
                // Through the handle: a host starting in parallel may already have unlinked the name (the file stays usable).
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(spool.Stream.SafeFileHandle));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(ImportTempFiles.Folder));
            }
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task CleanTempFolder_RemovesWhatACrashLeftBehind()
    {
        await using (var probe = await UploadSpool.CopyAsync(new MemoryStream([1]), 16, Ct))
        {
            // Only creates the folder.
        }

        var leftover = Path.Combine(ImportTempFiles.Folder, $"ed-upload-crashed-{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(leftover, "secret rows", Ct);

        UploadSpool.CleanTempFolder();

        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public async Task CopyAsync_OverLimit_ThrowsNamingTheSetting()
    {
        var ex = await Assert.ThrowsAsync<UploadTooLargeException>(() => UploadSpool.CopyAsync(new MemoryStream(new byte[3 * 1024 * 1024]), 2 * 1024 * 1024, Ct));

        Assert.Contains("MaxUploadMegabytes", ex.Message, StringComparison.Ordinal);
    }
}
