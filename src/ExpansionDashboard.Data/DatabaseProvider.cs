namespace ExpansionDashboard.Data;

/// <summary>The database the store lives in: an embedded SQLite file (default) or a PostgreSQL server.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
