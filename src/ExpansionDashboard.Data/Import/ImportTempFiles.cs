namespace ExpansionDashboard.Data.Import;

/// <summary>
/// The app's own folder for upload spools and converted workbooks: files in it are readable by the app's user only (0600)
/// and deleted when closed; what a crash leaves behind is removed at the next start (<see cref="Clean"/>).
/// </summary>
public static class ImportTempFiles
{
    /// <summary>The folder, under the system temporary folder (TMPDIR on Linux).</summary>
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "expansiondashboard-uploads");

    /// <summary>Creates an empty temporary file that is deleted when the stream is closed.</summary>
    public static FileStream Create(string prefix, bool asynchronous = false)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 81920,
            Options = FileOptions.DeleteOnClose | (asynchronous ? FileOptions.Asynchronous : FileOptions.None),
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(Path.Combine(EnsureFolder(), $"{prefix}-{Guid.NewGuid():N}.tmp"), options);
    }

    /// <summary>
    /// Deletes what earlier runs left (a crash skips DeleteOnClose). Files another instance still has open stay readable
    /// through its handle on Linux and cannot be deleted on Windows, so a shared folder is safe to clean.
    /// </summary>
    /// <returns>How many files were removed.</returns>
    public static int Clean()
    {
        var folder = EnsureFolder();
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // In use by another instance: it deletes its own file when done.
            }
        }

        return removed;
    }

    private static string EnsureFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
            return Folder;
        }

        Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // The folder may predate this run (or another user created it to read our uploads): it must be ours and closed.
        var info = new DirectoryInfo(Folder);
        if (info.LinkTarget is not null)
        {
            throw new IOException($"{Folder} is a symbolic link; remove it so uploads are spooled to a folder only this app can read.");
        }

        if ((info.UnixFileMode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0)
        {
            // Fails when another user owns the folder, which is the case this must not accept.
            File.SetUnixFileMode(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return Folder;
    }
}
