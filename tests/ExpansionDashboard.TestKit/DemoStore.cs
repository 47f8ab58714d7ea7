using System.Collections.Concurrent;
using ExpansionDashboard.Data;
using ExpansionDashboard.Data.Demo;
using ExpansionDashboard.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.TestKit;

/// <summary>
/// The demo book (2,000 accounts) seeded once per test run into a SQLite file in a temp folder; each test gets its own
/// file copy. Seeding takes seconds, copying milliseconds, so tests that only need the demo book stop seeding it again.
/// Tests of the seeding itself keep calling the seeder.
/// </summary>
public static class DemoStore
{
    /// <summary>The clock the data tests' demo book is seeded at (its last month is 2026-11).</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "ed-demo-store", $"{Environment.ProcessId}-{Guid.NewGuid():N}");
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Seeded = new();

    static DemoStore() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFolder();

    /// <summary>A fresh clock at <see cref="Now"/> (each test may advance its own).</summary>
    public static FakeTimeProvider Clock() => new(Now);

    /// <summary>Copies the demo book, migrated and seeded at <see cref="Now"/>, to <paramref name="databasePath"/>.</summary>
    public static async Task CopyToAsync(string databasePath, CancellationToken ct = default) =>
        CopyFile(await SeedOnceAsync("book", SeedBookAsync).WaitAsync(ct), databasePath);

    /// <summary>
    /// Seeds a store once under <paramref name="key"/> with <paramref name="seed"/> (given the file path to create) and
    /// copies it to <paramref name="databasePath"/>. Thread-safe: concurrent first callers share one seeding.
    /// </summary>
    public static async Task CopyToAsync(string key, Func<string, Task> seed, string databasePath, CancellationToken ct = default) =>
        CopyFile(await SeedOnceAsync(key, seed).WaitAsync(ct), databasePath);

    private static Task<string> SeedOnceAsync(string key, Func<string, Task> seed) =>
        Seeded.GetOrAdd(key, k => new Lazy<Task<string>>(() => Task.Run(async () =>
        {
            var path = Path.Combine(Folder, k, "dashboard.db");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await seed(path);
            await CheckpointAsync(path);
            return path;
        }))).Value;

    private static async Task SeedBookAsync(string path)
    {
        var factory = new SqliteFactory($"Data Source={path}");
        await new DatabaseMigrator(factory).MigrateAsync();
        await new DemoDataSeeder(factory, Clock(), NullLogger<DemoDataSeeder>.Instance).SeedIfEmptyAsync();
    }

    // The store runs in WAL mode: fold the log into the main file so one file copy holds everything.
    private static async Task CheckpointAsync(string path)
    {
        SqliteConnection.ClearAllPools();
        await using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await cmd.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
    }

    private static void CopyFile(string seeded, string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        File.Copy(seeded, databasePath, overwrite: true);
    }

    private static void DeleteFolder()
    {
        try
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the run must not fail on its way out.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class SqliteFactory(string connectionString) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => new(StoreDialectOptions.For(SqliteStoreDialect.Instance, connectionString));
    }
}
