using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ExpansionDashboard.Data;

/// <summary>The database the store lives in: an embedded SQLite file (default) or a PostgreSQL server.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Configures EF Core for a provider; each provider has its own committed migrations.</summary>
public static class StoreProviders
{
    /// <summary>The assembly that holds the PostgreSQL migrations (the SQLite ones live in this assembly).</summary>
    public const string PostgreSqlMigrationsAssembly = "ExpansionDashboard.Data.PostgreSql";

    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (provider == DatabaseProvider.PostgreSql)
        {
            UsePostgreSqlTimestamps();
            return options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgreSqlMigrationsAssembly));
        }

        return options.UseSqlite(connectionString);
    }

    /// <summary>
    /// Timestamps are stored as UTC by convention (every column ends in "Utc") as "timestamp without time zone": the same
    /// values SQLite holds, with no DateTime.Kind checks on the way in. Npgsql reads this switch once, when it first
    /// starts, so code that opens an NpgsqlConnection of its own before the store does must call this first.
    /// </summary>
    public static void UsePostgreSqlTimestamps() => AppContext.SetSwitch("Npgsql.EnableLegacyTimestampBehavior", true);

    public static bool IsPostgreSql(this DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
    }
}
