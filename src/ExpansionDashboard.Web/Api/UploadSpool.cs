using ExpansionDashboard.Data.Import;

namespace ExpansionDashboard.Web.Api;

/// <summary>
/// Copies an upload to a temporary file so the import can read it twice (preview, then commit) without holding it
/// in memory, and enforces the size limit with a clear message. The file lives in the app's own folder, is readable by
/// the app's user only (0600) and is deleted on dispose (<see cref="ImportTempFiles"/>).
/// </summary>
public sealed class UploadSpool : IAsyncDisposable
{
    private UploadSpool(string path, FileStream stream)
    {
        Path = path;
        Stream = stream;
    }

    public string Path { get; }

    public FileStream Stream { get; }

    public static async Task<UploadSpool> CopyAsync(Stream source, long maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = ImportTempFiles.Create("ed-upload", asynchronous: true);
        var spool = new UploadSpool(stream.Name, stream);
        try
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new UploadTooLargeException(maxBytes);
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            await stream.FlushAsync(ct);
            stream.Position = 0;
            return spool;
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    /// <summary>Empties the spool folder at start: what a crash left behind (DeleteOnClose never ran) goes.</summary>
    public static int CleanTempFolder() => ImportTempFiles.Clean();
}

public sealed class UploadTooLargeException(long maxBytes)
    : Exception($"The file is larger than the upload limit of {maxBytes / 1024 / 1024:N0} MB (setting Dashboard:Import:MaxUploadMegabytes).");
