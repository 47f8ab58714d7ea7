namespace ExpansionDashboard.Data.Import.Kinds;

/// <summary>Every import kind, and lookup by enum value or slug.</summary>
public static class ImportKinds
{
    public static AccountsImport Accounts { get; } = new();

    public static MrrImport Mrr { get; } = new();

    public static InvoiceLinesImport InvoiceLines { get; } = new();

    public static OpportunitiesImport Opportunities { get; } = new();

    public static TargetsImport Targets { get; } = new();

    public static HealthImport Health { get; } = new();

    public static FxRatesImport FxRates { get; } = new();

    /// <summary>In the order the import form lists them.</summary>
    public static IReadOnlyList<KindImport> All { get; } = [Accounts, Mrr, InvoiceLines, Opportunities, Targets, Health, FxRates];

    private static readonly Dictionary<ImportKind, KindImport> ByKind = All.ToDictionary(k => k.Kind);

    public static KindImport Get(ImportKind kind) =>
        ByKind.TryGetValue(kind, out var k) ? k : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an import kind.");

    /// <summary>The kind a slug names ("invoice-lines"), case-insensitively; null when none does.</summary>
    public static KindImport? Find(string? slug) =>
        All.FirstOrDefault(k => string.Equals(k.Slug, slug?.Trim(), StringComparison.OrdinalIgnoreCase));
}
