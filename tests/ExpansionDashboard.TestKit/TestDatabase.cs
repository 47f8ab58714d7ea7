using System.Data.Common;
using ExpansionDashboard.Data;
using ExpansionDashboard.Data.Demo;
using ExpansionDashboard.Data.PostgreSql;
using ExpansionDashboard.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ExpansionDashboard.TestKit;

/// <summary>
/// A real, migrated database per test, dropped afterwards: a SQLite file, or — in a test assembly that sets
/// <see cref="DefaultProvider"/> to PostgreSQL (the PostgreSQL suite does, in a module initializer) — a fresh database
/// on the server named by <c>DASHBOARD_TEST_POSTGRES</c>, cloned from a template migrated once per run.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<DashboardDbContext>, IAsyncDisposable
{
    public const string ServerVariable = "DASHBOARD_TEST_POSTGRES";
    private const string Template = "ed_test_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _templateReady;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ed-data-tests", Guid.NewGuid().ToString("N"));
    private readonly string _name = "ed_test_" + Guid.NewGuid().ToString("N");

    private TestDatabase(DatabaseProvider provider)
    {
        Provider = provider;
        Dialect = provider == DatabaseProvider.PostgreSql ? PostgreSqlStoreDialect.Instance : SqliteStoreDialect.Instance;
        ConnectionString = provider == DatabaseProvider.PostgreSql
            ? new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ToString()
            : $"Data Source={Path.Combine(_folder, "dashboard.db")}";
    }

    /// <summary>The provider of the databases this test assembly creates; SQLite unless the assembly calls <see cref="UsePostgreSql"/> first.</summary>
    public static DatabaseProvider DefaultProvider { get; private set; } = DatabaseProvider.Sqlite;

    /// <summary>The PostgreSQL server's connection string; a missing variable fails the test (CI always sets it).</summary>
    public static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } cs
        ? cs
        : throw new InvalidOperationException($"{ServerVariable} is not set: run scripts/pg-cluster.sh start (as .ci/run does) for the PostgreSQL tests.");

    public DatabaseProvider Provider { get; }

    public IStoreDialect Dialect { get; }

    public string ConnectionString { get; }

    /// <summary>Makes every database of this test assembly a PostgreSQL one (before any Npgsql use: it sets the timestamp switch).</summary>
    public static void UsePostgreSql()
    {
        PostgreSqlStoreDialect.UseLegacyTimestamps();
        DefaultProvider = DatabaseProvider.PostgreSql;
    }

    public DashboardDbContext CreateDbContext() => new(StoreDialectOptions.For(Dialect, ConnectionString));

    /// <summary>An open connection of the test's own (for raw reads beside the app's).</summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken ct = default)
    {
        DbConnection c = Provider == DatabaseProvider.PostgreSql ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await c.OpenAsync(ct);
        return c;
    }

    /// <summary>
    /// The demo book seeded at <see cref="DemoStore.Now"/>: on SQLite a copy of the file <see cref="DemoStore"/> seeds once
    /// per run; on PostgreSQL seeded into the fresh database.
    /// </summary>
    public static async Task<TestDatabase> CreateFromDemoAsync()
    {
        if (DefaultProvider == DatabaseProvider.PostgreSql)
        {
            var pg = await CreateMigratedAsync();
            await new DemoDataSeeder(pg, DemoStore.Clock(), NullLogger<DemoDataSeeder>.Instance).SeedIfEmptyAsync();
            return pg;
        }

        var db = new TestDatabase(DatabaseProvider.Sqlite);
        Directory.CreateDirectory(db._folder);
        await DemoStore.CopyToAsync(Path.Combine(db._folder, "dashboard.db"));
        return db;
    }

    public static async Task<TestDatabase> CreateMigratedAsync()
    {
        var db = new TestDatabase(DefaultProvider);
        if (db.Provider == DatabaseProvider.PostgreSql)
        {
            await CloneTemplateAsync(db._name);
        }
        else
        {
            await new DatabaseMigrator(db).MigrateAsync();
        }

        return db;
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            await using (var own = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(own);
            }

            await using var admin = new NpgsqlConnection(Server);
            await admin.OpenAsync();
            await ExecAsync(admin, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
            return;
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task CloneTemplateAsync(string name)
    {
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
                await new DatabaseMigrator(new Factory(StoreDialectOptions.For(PostgreSqlStoreDialect.Instance, template))).MigrateAsync();
                _templateReady = true;
            }

            await ExecAsync(admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{Template}\"");
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task ExecAsync(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private sealed class Factory(DbContextOptions<DashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
    {
        /// <summary>Makes every database of this test assembly a PostgreSQL one (before any Npgsql use: it sets the timestamp switch).</summary>
    public static void UsePostgreSql()
    {
        PostgreSqlStoreDialect.UseLegacyTimestamps();
        DefaultProvider = DatabaseProvider.PostgreSql;
    }

    public DashboardDbContext CreateDbContext() => new(options);
    }
}
