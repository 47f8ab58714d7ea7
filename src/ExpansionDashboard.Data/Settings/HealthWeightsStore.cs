namespace ExpansionDashboard.Data.Settings;

/// <summary>
/// The health-score factor weights admins edit (StoreMeta <c>health_weights</c>); saving bumps the settings version so
/// every score, list and alert is recomputed with them (the metric model stays loaded).
/// </summary>
public sealed class HealthWeightsStore(IDbContextFactory<DashboardDbContext> factory)
{
    internal static readonly JsonSetting<HealthWeights> Setting = new("health_weights", HealthWeights.Default, "health-weights.edit", "health weights");

    public Task<HealthWeights> GetAsync(CancellationToken ct = default) => Setting.GetAsync(factory, ct);

    internal static Task<HealthWeights> ReadAsync(DashboardDbContext db, CancellationToken ct) => Setting.ReadAsync(db, ct);

    /// <summary>Field → message for weights that cannot be used (negative, or all zero); empty when valid.</summary>
    public static IReadOnlyDictionary<string, string> Validate(HealthWeights w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var errors = new Dictionary<string, string>();
        foreach (var (name, value) in Fields(w))
        {
            if (value < 0 || value > 1000)
            {
                errors[name] = "Enter a weight from 0 to 1000 (0 leaves the factor out).";
            }
        }

        if (errors.Count == 0 && Fields(w).Sum(f => f.Value) <= 0)
        {
            errors[nameof(HealthWeights.UsageTrend)] = "At least one factor needs a weight above 0.";
        }

        return errors;
    }

    public Task<IReadOnlyDictionary<string, string>> SaveAsync(HealthWeights weights, CancellationToken ct = default) => SaveAsync(weights, "system", ct);

    /// <summary>Saves valid weights (audited as <paramref name="actor"/>); returns the field messages and saves nothing when they are not valid.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SaveAsync(HealthWeights weights, string actor, CancellationToken ct = default)
    {
        var errors = Validate(weights);
        if (errors.Count > 0)
        {
            return errors;
        }

        await Setting.SaveAsync(factory, weights, actor, ct);
        return errors;
    }

    private static IEnumerable<(string Name, decimal Value)> Fields(HealthWeights w) =>
    [
        (nameof(w.UsageTrend), w.UsageTrend), (nameof(w.ActiveUsers), w.ActiveUsers), (nameof(w.SupportTickets), w.SupportTickets), (nameof(w.Nps), w.Nps),
        (nameof(w.PaymentFailures), w.PaymentFailures), (nameof(w.ExecSponsorChange), w.ExecSponsorChange), (nameof(w.QbrAttended), w.QbrAttended),
    ];
}
