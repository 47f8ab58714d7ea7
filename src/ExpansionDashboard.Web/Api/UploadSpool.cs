namespace ExpansionDashboard.Web.Api;

/// <summary>
/// Copies an upload to a temporary file so the import can read it twice (preview, then commit) without holding it
/// in memory, and enforces the size limit with a clear message. Deleted on dispose.
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
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ed-upload-{Guid.NewGuid():N}.csv");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var spool = new UploadSpool(path, stream);
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
}

public sealed class UploadTooLargeException(long maxBytes)
    : Exception($"The file is larger than the upload limit of {maxBytes / 1024 / 1024:N0} MB (setting Dashboard:Import:MaxUploadMegabytes).");
