using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ExpansionDashboard.Data.Import.Writing;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace ExpansionDashboard.Data.PostgreSql;

/// <summary>The store on a PostgreSQL server, which several app instances may share: locks are advisory locks on the server.</summary>
public sealed class PostgreSqlStoreDialect : IStoreDialect, IStoreWriterFactory, Snapshot.IRevenueLineReader
{
    public static readonly PostgreSqlStoreDialect Instance = new();

    private PostgreSqlStoreDialect()
    {
    }

    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public string DisplayName => "PostgreSQL";

    public bool SupportsBackup => false;

    /// <summary>
    /// Timestamps are stored as UTC by convention (every column ends in "Utc") as "timestamp without time zone": the same
    /// values SQLite holds, with no DateTime.Kind checks on the way in. Npgsql reads this switch once, when it first
    /// starts, so code that opens an NpgsqlConnection of its own before the store does must call this first.
    /// </summary>
    public static void UseLegacyTimestamps() => AppContext.SetSwitch("Npgsql.EnableLegacyTimestampBehavior", true);

    public void Configure(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        UseLegacyTimestamps();
        options.UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PostgreSqlStoreDialect).Assembly.GetName().Name))
            .ReplaceService<IModelCustomizer, PostgreSqlModelCustomizer>();
    }

    public async Task MigrateAsync(DashboardDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.MigrateAsync(ct);
    }

    public Task BackupAsync(DashboardDbContext db, string destinationPath, CancellationToken ct) =>
        throw new NotSupportedException("The store is on PostgreSQL: back it up with pg_dump (see docs/deploy.md).");

    /// <summary>A session-level advisory lock on a connection of its own, held until the lease is disposed.</summary>
    public async Task<IAsyncDisposable?> TryAcquireSessionLockAsync(DashboardDbContext db, long key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        cmd.Parameters.AddWithValue("key", key);
        if (await cmd.ExecuteScalarAsync(ct) is true)
        {
            return new Lease(connection, key);
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>A transaction-scoped advisory lock: queues the writers of every instance on the server until commit.</summary>
    public async Task AcquireWriteLockAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT pg_advisory_xact_lock(@key)";
        var p = cmd.CreateParameter();
        p.ParameterName = "key";
        p.Value = key;
        cmd.Parameters.Add(p);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public object DateParameter(DateOnly day) => day;

    public object TimestampParameter(DateTime utc) => utc;

    /// <summary>Unlocks explicitly: a pooled connection keeps its session (and the lock) until it is reused.</summary>
    private sealed class Lease(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var cmd = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                cmd.Parameters.AddWithValue("key", key);
                await cmd.ExecuteScalarAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    IStoreWriter IStoreWriterFactory.CreateWriter(DbConnection connection, DbTransaction transaction, IModel model) =>
        new PostgreSqlPlanWriter((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, model);

    void Snapshot.IRevenueLineReader.ReadRevenueLines(DbConnection connection, Action<Snapshot.StoredRevenueLine> line, CancellationToken ct) =>
        PostgreSqlRevenueLineReader.Read((NpgsqlConnection)connection, line, ct);

    void Snapshot.IRevenueLineReader.ReadMrrLines(DbConnection connection, (DateOnly First, DateOnly After)? months, Action<Snapshot.StoredMrrLine> line, CancellationToken ct) =>
        PostgreSqlRevenueLineReader.ReadMrrLines((NpgsqlConnection)connection, months, line, ct);
}
