using Microsoft.Data.Sqlite;

namespace ExpansionDashboard.Data.Sqlite;

/// <summary>
/// The store file holds the data, password and API-key hashes and the data-protection key ring: it is readable by the
/// app's own user only, a 0600 file in a 0700 folder. The process umask (usually 022) would otherwise leave it
/// world-readable. On Windows files inherit their folder's ACL, so only the folder is created.
/// </summary>
internal static class PrivateStoreFile
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // SQLite creates its journal, WAL and shared-memory files with the database file's own permissions.
    private static readonly string[] Companions = ["", "-wal", "-shm", "-journal"];

    /// <summary>
    /// Before SQLite opens the store: its folder is created (0700) when missing, the database file is created empty with
    /// 0600 (SQLite takes an empty file as an empty database), and files an older version left 0644 are narrowed.
    /// </summary>
    public static void Prepare(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            || builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var path = Path.GetFullPath(builder.DataSource);
        var folder = Path.GetDirectoryName(path);
        if (OperatingSystem.IsWindows())
        {
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            return;
        }

        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, FolderMode);
        }

        if (!File.Exists(path) && builder.Mode is SqliteOpenMode.ReadWriteCreate)
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
        }

        foreach (var suffix in Companions)
        {
            if (File.Exists(path + suffix))
            {
                File.SetUnixFileMode(path + suffix, FileMode);
            }
        }
    }
}
