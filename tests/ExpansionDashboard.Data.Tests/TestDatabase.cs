using System.Data.Common;
using Microsoft.EntityFrameworkCore;
#if POSTGRESQL
using ExpansionDashboard.Data.PostgreSql;
using Npgsql;
#else
using ExpansionDashboard.Data.Sqlite;
using Microsoft.Data.Sqlite;
#endif

namespace ExpansionDashboard.Data.Tests;

/// <summary>
/// A real, migrated database per test, dropped afterwards. This project: a SQLite file. The same tests compiled into
/// ExpansionDashboard.Data.PostgreSql.Tests (symbol POSTGRESQL): a fresh database on the PostgreSQL server named by
/// the DASHBOARD_TEST_POSTGRES connection string, cloned from a template migrated once per run.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<DashboardDbContext>, IAsyncDisposable
{
#if POSTGRESQL
    public const string ServerVariable = "DASHBOARD_TEST_POSTGRES";
    private const string Template = "ed_test_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _templateReady;
    private readonly string _name = "ed_test_" + Guid.NewGuid().ToString("N");

    static TestDatabase() => PostgreSqlStoreDialect.UseLegacyTimestamps();

    private TestDatabase()
    {
        ConnectionString = new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ToString();
    }

    /// <summary>The server's connection string; a missing variable fails the test (CI always sets it).</summary>
    public static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } cs
        ? cs
        : throw new InvalidOperationException($"{ServerVariable} is not set: run scripts/pg-cluster.sh start (as .ci/run does) for the PostgreSQL tests.");

    public static IStoreDialect Dialect => PostgreSqlStoreDialect.Instance;

    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;
#else
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ed-data-tests", Guid.NewGuid().ToString("N"));

    private TestDatabase()
    {
        ConnectionString = $"Data Source={Path.Combine(_folder, "dashboard.db")}";
    }

    public static IStoreDialect Dialect => SqliteStoreDialect.Instance;

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;
#endif

    public string ConnectionString { get; }

    public DashboardDbContext CreateDbContext() => new(StoreDialectOptions.For(Dialect, ConnectionString));

    /// <summary>An open connection of the test's own (for raw reads beside the app's).</summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken ct = default)
    {
#if POSTGRESQL
        var c = new NpgsqlConnection(ConnectionString);
#else
        var c = new SqliteConnection(ConnectionString);
#endif
        await c.OpenAsync(ct);
        return c;
    }

#if !POSTGRESQL
    /// <summary>A copy of the demo book that TestKit seeds once per test run (migrated, seeded at <c>DemoStore.Now</c>).</summary>
    public static async Task<TestDatabase> CreateFromDemoAsync()
    {
        var db = new TestDatabase();
        Directory.CreateDirectory(db._folder);
        await ExpansionDashboard.TestKit.DemoStore.CopyToAsync(Path.Combine(db._folder, "dashboard.db"));
        return db;
    }

#endif
    public static async Task<TestDatabase> CreateMigratedAsync()
    {
        var db = new TestDatabase();
#if POSTGRESQL
        await Gate.WaitAsync();
        try
        {
            await using var admin = new NpgsqlConnection(Server);
            await admin.OpenAsync();
            if (!_templateReady)
            {
                await ExecAsync(admin, $"DROP DATABASE IF EXISTS \"{Template}\" WITH (FORCE)");
                await ExecAsync(admin, $"CREATE DATABASE \"{Template}\"");
                var template = new NpgsqlConnectionStringBuilder(Server) { Database = Template, Pooling = false }.ToString();
                await new DatabaseMigrator(new Factory(StoreDialectOptions.For(Dialect, template))).MigrateAsync();

                _templateReady = true;
            }

            await ExecAsync(admin, $"CREATE DATABASE \"{db._name}\" TEMPLATE \"{Template}\"");
        }
        finally
        {
            Gate.Release();
        }
#else
        await new DatabaseMigrator(db).MigrateAsync();
#endif
        return db;
    }

    public async ValueTask DisposeAsync()
    {
#if POSTGRESQL
        await using (var own = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(own);
        }

        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await ExecAsync(admin, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
#else
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        await Task.CompletedTask;
#endif
    }

#if POSTGRESQL
    private static async Task ExecAsync(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private sealed class Factory(DbContextOptions<DashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => new(options);
    }
#endif
}
