namespace ExpansionDashboard.Data.Admin;

public sealed record TargetRow(string Quarter, string Segment, decimal Amount);

public sealed record OpportunityRow(string Id, string AccountId, string AccountName, string Name, string Type, string Stage, decimal Amount, DateOnly ExpectedClose, string Owner, DateOnly? Created, DateOnly? Closed);

public sealed record StoreSummary(int Accounts, int RevenueLines, int Opportunities, int Targets, int HealthSignals, long DataVersion, IReadOnlyList<ImportBatchRow> Batches)
{
    /// <summary>"SQLite" or "PostgreSQL".</summary>
    public string Database { get; init; } = "SQLite";

    /// <summary>The data's horizon ("Latest" on every page), null without revenue.</summary>
    public Month? Horizon { get; init; }

    /// <summary>The import that set the horizon; null when it was derived from the revenue rows.</summary>
    public HorizonSource? HorizonSetBy { get; init; }

    /// <summary>FX rates stored (month × currency).</summary>
    public int FxRates { get; init; }
}

public sealed record ImportBatchRow(long Id, string Kind, string FileName, string CreatedBy, DateTime CreatedUtc, int RowsRead, int RowsInserted, int RowsUpdated, int RowsRejected, Import.ImportBatchStatus Status);
