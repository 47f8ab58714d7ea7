using ExpansionDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ExpansionDashboard.Data.PostgreSql;

/// <summary>
/// Storage settings only PostgreSQL has, kept out of the shared model. Revenue lines are rewritten in bulk by every
/// snapshot re-import that changes them: with half of each page left free, PostgreSQL writes the new version of a row
/// beside the old one and leaves the three indexes alone (a "HOT" update, as no indexed column changes). An update of
/// 1M lines took 8.3 s with full pages and 2.1 s this way. The table starts at twice the size, which is what it reaches
/// anyway after its first full update with full pages.
/// </summary>
internal sealed class PostgreSqlModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    /// <summary>Percent of each revenue-line page that inserts fill.</summary>
    public const int RevenueLineFillFactor = 50;

    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        modelBuilder.Entity<RevenueLine>().HasStorageParameter("fillfactor", RevenueLineFillFactor);
    }
}
