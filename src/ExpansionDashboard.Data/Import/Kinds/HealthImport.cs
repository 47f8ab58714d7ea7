namespace ExpansionDashboard.Data.Import.Kinds;

public sealed record HealthImportRow(
    int Line, string AccountId, Month Month, int? ActiveUsers, int? SupportTickets, int? Nps, int? PaymentFailures,
    bool? ExecSponsorChange, bool? QbrAttended, double? PlanLimitUtilisation, double? UsageTrend) : ImportRow(Line);

/// <summary>Monthly health signals of accounts the store already has (rows of unknown accounts are rejected).</summary>
public sealed class HealthImport : KindImport<HealthImportRow>
{
    internal static readonly StoreTable HealthSignals = new("HealthSignals", true,
    [
        new("Month", typeof(DateOnly)), new("ActiveUsers", typeof(int)), new("SupportTickets", typeof(int)), new("Nps", typeof(int)),
        new("PaymentFailures", typeof(int)), new("ExecSponsorChange", typeof(bool)), new("QbrAttended", typeof(bool)),
        new("PlanLimitUtilisation", typeof(double)), new("UsageTrend", typeof(double)),
    ]);

    internal HealthImport()
        : base(ImportKind.Health, "health", "Health signals", keyColumns: "account_id, month")
    {
    }

    public override IReadOnlyList<ImportColumn> Columns { get; } =
[
    new("account_id", true, "an existing account id", "ACC-00001", ImportValueType.Id),
        new("month", true, "YYYY-MM", "2026-10", ImportValueType.Month),
        new("active_users", false, "whole number", "42", ImportValueType.WholeNumber),
        new("support_tickets", false, "whole number", "3", ImportValueType.WholeNumber),
        new("nps", false, "-100 to 100", "35", ImportValueType.WholeNumber),
        new("payment_failures", false, "whole number", "0", ImportValueType.WholeNumber),
        new("exec_sponsor_change", false, "true/false", "false", ImportValueType.Boolean),
        new("qbr_attended", false, "true/false", "true", ImportValueType.Boolean),
        new("plan_limit_utilisation", false, "0 to 1", "0.82", ImportValueType.Number),
        new("usage_trend", false, "change in usage, e.g. -0.1 for -10 %", "0.05", ImportValueType.Number),
    ];

    internal override StoreTable Table => HealthSignals;

    internal override AccountUse Accounts => AccountUse.MustExist;

    internal override ImportRow Read(FieldReader r, int line) =>
        new HealthImportRow(line, r.Id("account_id"), r.Month("month"), r.OptionalInt("active_users"), r.OptionalInt("support_tickets"),
            r.OptionalInt("nps", -100, 100), r.OptionalInt("payment_failures"), r.OptionalBool("exec_sponsor_change"), r.OptionalBool("qbr_attended"),
            r.OptionalDouble("plan_limit_utilisation", 0, 1), r.OptionalDouble("usage_trend", -10, 10));

    internal override string Key(HealthImportRow row) => $"{row.AccountId}\u001f{row.Month}";

    internal override string AccountOf(HealthImportRow row) => row.AccountId;

    internal override object?[] Values(HealthImportRow row) =>
        [row.Month.FirstDay, row.ActiveUsers, row.SupportTickets, row.Nps, row.PaymentFailures, row.ExecSponsorChange, row.QbrAttended, row.PlanLimitUtilisation, row.UsageTrend];

    internal override IAsyncEnumerable<RowChange> PlanAsync(PlanContext ctx, CancellationToken ct) =>
        PlanByKeyAsync(ctx, s => $"{s.AccountId}\u001f{(DateOnly)s.Values[0]!:yyyy-MM-dd}", r => $"{ctx.Accounts[r.AccountId].Id}\u001f{r.Month.FirstDay:yyyy-MM-dd}",
            r => $"{r.AccountId} · {r.Month}", StoredValues.Describe, ct);
}
