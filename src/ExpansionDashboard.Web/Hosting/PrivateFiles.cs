using Microsoft.Data.Sqlite;

namespace ExpansionDashboard.Web.Hosting;

/// <summary>
/// Files that hold the store (data, password hashes, API-key hashes and the data-protection key ring, which lives in the
/// database) are readable by the app's own user only: 0600 files in 0700 folders. The process umask (usually 022) would
/// otherwise leave them world-readable. Nothing to do on Windows, where files inherit their folder's ACL.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // SQLite creates its journal, WAL and shared-memory files with the database file's own permissions.
    private static readonly string[] SqliteCompanions = ["", "-wal", "-shm", "-journal"];

    /// <summary>
    /// Before SQLite opens the store: its folder is created 0700 when missing, the database file is created empty with
    /// 0600 (SQLite takes an empty file as an empty database), and files an older version left 0644 are narrowed.
    /// </summary>
    public static void PrepareSqliteStore(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            || builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var path = Path.GetFullPath(builder.DataSource);
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, FolderMode);
        }

        if (!File.Exists(path) && builder.Mode is SqliteOpenMode.ReadWriteCreate)
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
        }

        foreach (var suffix in SqliteCompanions)
        {
            Restrict(path + suffix);
        }
    }

    /// <summary>A new folder under the system temp folder that only this user can enter (Directory.CreateTempSubdirectory makes it 0700 on Unix).</summary>
    public static DirectoryInfo CreateTempFolder(string prefix) => Directory.CreateTempSubdirectory(prefix);

    /// <summary>Narrows an existing file to 0600; a missing file is left alone.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }
}
