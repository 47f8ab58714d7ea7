#if !POSTGRESQL
namespace ExpansionDashboard.Data.Tests;

/// <summary>
/// Says whether the PostgreSQL copy of this suite (ExpansionDashboard.Data.PostgreSql.Tests) runs in this test run: it
/// runs when DASHBOARD_TEST_POSTGRES names a server (.ci/run starts one), and then that server must answer.
/// </summary>
[Trait(Lanes.Category, Lanes.Store)]
public class PostgreSqlSuiteTests
{
    [Fact]
    public async Task PostgreSqlSuite_VariableSet_ServerAnswers()
    {
        var cs = Environment.GetEnvironmentVariable("DASHBOARD_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(cs))
        {
            Assert.Skip("DASHBOARD_TEST_POSTGRES is not set, so the data and import suite ran on SQLite only: `eval \"$(scripts/pg-cluster.sh start)\"` (as .ci/run does) runs it on PostgreSQL too.");
        }

        await using var c = new Npgsql.NpgsqlConnection(cs);
        await c.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new Npgsql.NpgsqlCommand("SHOW server_version", c);
        var version = (string?)await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrEmpty(version));
    }
}
#endif
