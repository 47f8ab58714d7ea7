namespace ExpansionDashboard.Data;

/// <summary>
/// The reporting currency (ISO 4217, from <c>Dashboard:Currency</c>): revenue rows with an empty currency are in it,
/// every other currency needs an FX rate. A value the host registers, so Data does not read the host's settings.
/// </summary>
public sealed record ReportingCurrency(string Code)
{
    /// <summary>Whether <paramref name="currency"/> (empty or null meaning the reporting currency) is the reporting currency.</summary>
    public bool Is(string? currency) => string.IsNullOrWhiteSpace(currency) || string.Equals(currency.Trim(), Code, StringComparison.OrdinalIgnoreCase);
}
