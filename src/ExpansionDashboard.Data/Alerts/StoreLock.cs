using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Alerts;

/// <summary>
/// A lock across app instances sharing one store. On PostgreSQL a session-level advisory lock held until the lease is
/// disposed; on SQLite (one node) always granted. The only provider-specific SQL of the alert system lives here.
/// </summary>
public sealed class StoreLock(IDbContextFactory<DashboardDbContext> factory)
{
    /// <summary>The key one monitor round holds ("ExpAlrt").</summary>
    public const long AlertMonitorKey = 0x457870416C7274;

    /// <summary>The lease for <paramref name="key"/>, or null when another instance holds it.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(long key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!db.Database.IsPostgreSql())
        {
            return new Lease(null, key);
        }

        var connection = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        cmd.Parameters.AddWithValue("key", key);
        if (await cmd.ExecuteScalarAsync(ct) is true)
        {
            return new Lease(connection, key);
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Unlocks explicitly: a pooled connection keeps its session (and the lock) until it is reused.</summary>
    private sealed class Lease(Npgsql.NpgsqlConnection? connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection is null)
            {
                return;
            }

            try
            {
                await using var cmd = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                cmd.Parameters.AddWithValue("key", key);
                await cmd.ExecuteScalarAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
