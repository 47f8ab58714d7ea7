using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ExpansionDashboard.Data.EntityConfigurations;

/// <summary>
/// Value converters for the Metrics value types, applied by convention to every property of that type. Each keeps the
/// representation the store had when the column was a string or a date, so raw SQL and older rows read the same.
/// </summary>
public static class StoreConverters
{
    /// <summary>A month is stored as its first day (SQLite: "yyyy-MM-dd" text, PostgreSQL: date).</summary>
    public sealed class MonthConverter() : ValueConverter<Month, DateOnly>(m => m.FirstDay, d => Month.Of(d));

    /// <summary>A quarter is stored as "YYYY-Qn".</summary>
    public sealed class QuarterConverter() : ValueConverter<Quarter, string>(q => q.ToString(), s => Quarter.Parse(s));

    /// <summary>A scope is stored as its <see cref="Scope.Key"/> ("company", "*" or the segment); legacy spellings read as the company.</summary>
    public sealed class ScopeConverter() : ValueConverter<Scope, string>(s => s.Key, k => Scope.Parse(k));

    /// <summary>An alert severity (a rule's, a firing's) is stored as its key: "alert" or "watch".</summary>
    public sealed class AlertSeverityConverter() : ValueConverter<Metrics.Alerts.AlertSeverity, string>(s => Metrics.Alerts.AlertSeverities.Key(s), k => Metrics.Alerts.AlertSeverities.Parse(k));
}

/// <summary>Precision and scale of the store's decimal columns.</summary>
public static class StorePrecision
{
    /// <summary>
    /// Money (MRR, ARR, targets): 8 decimal places, as invoice normalisation keeps a line's MRR, so PostgreSQL never
    /// rounds what SQLite (decimal as text) keeps exactly. Computed values (an alert's measured ratio) are not money
    /// and keep full precision.
    /// </summary>
    public const int MoneyPrecision = 20;

    public const int MoneyScale = 8;

    /// <summary>
    /// Exchange rates, reporting units per unit of a currency: 12 decimal places keep six significant digits even for
    /// currencies worth a hundred-thousandth of the reporting one (IDR, VND into USD).
    /// </summary>
    public const int RatePrecision = 24;

    public const int RateScale = 12;

    /// <summary>Percentages such as a planned win rate (0–100); 8 decimals keep a measured rate the planner pre-fills.</summary>
    public const int PercentPrecision = 12;

    public const int PercentScale = 8;
}
