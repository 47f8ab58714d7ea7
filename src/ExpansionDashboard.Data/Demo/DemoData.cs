namespace ExpansionDashboard.Data.Demo;

/// <summary>
/// How demo rows are marked: every row the demo seeder writes carries the id of an <see cref="ImportBatch"/> whose
/// <see cref="ImportBatch.Kind"/> is <see cref="BatchKind"/>, so "is this a demo row" is a join on ImportBatchId.
/// </summary>
public static class DemoData
{
    /// <summary>The import-batch kind of the demo seed.</summary>
    public const string BatchKind = "demo";

    /// <summary>StoreMeta key set when an admin removed the demo: the seeder never loads it into that store again.</summary>
    public const string RemovedKey = "demo_removed_utc";

    /// <summary>The demo batches of a store (normally one).</summary>
    public static IQueryable<ImportBatch> Batches(DashboardDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ImportBatches.Where(b => b.Kind == BatchKind);
    }
}
