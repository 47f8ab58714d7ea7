using System.Runtime.CompilerServices;

namespace ExpansionDashboard.Data.Tests;

/// <summary>Switches this assembly's test databases to PostgreSQL before any test runs.</summary>
internal static class PostgreSqlSuite
{
#pragma warning disable CA2255 // A test assembly, not a library: the switch must be set before the first test.
    [ModuleInitializer]
    internal static void UsePostgreSql() => TestDatabase.UsePostgreSql();
#pragma warning restore CA2255
}
