namespace ExpansionDashboard.Web.Hosting;

/// <summary>
/// Copies of the store the app hands out (backups: data, password hashes and the key ring) are readable by the app's own
/// user only: 0600 files in 0700 folders. The store file itself is prepared by the SQLite dialect when it migrates.
/// Nothing to do on Windows, where files inherit their folder's ACL.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

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
