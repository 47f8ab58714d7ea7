namespace ExpansionDashboard.Data.Planner;

/// <summary>Saves and deletes the planner's scenarios (each change audited); the write side, apart from <see cref="PlannerQuery"/>.</summary>
public sealed class PlannerScenarios(IDbContextFactory<DashboardDbContext> factory, Audit.AuditLog audit, TimeProvider time)
{
    /// <summary>Saves a scenario (a new one, or replaces the one with the same name, quarter and segment) and audits it.</summary>
    public async Task<int> SaveAsync(ScenarioInput input, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(input));
        }

        var name = input.Name.Trim();
        var segment = string.IsNullOrWhiteSpace(input.Segment) ? null : input.Segment.Trim();
        var quarter = input.Quarter;
        var scope = Scope.Of(segment);
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.PlannerScenarios.FirstOrDefaultAsync(s => s.Name == name && s.Quarter == quarter && s.Scope == scope, ct);
        object? before = row is null ? null : new { row.Target, row.WinRate, row.ExtraPipeline, row.ShowInReview };
        if (row is null)
        {
            row = new PlannerScenario { Name = name, Quarter = quarter, Scope = scope };
            db.PlannerScenarios.Add(row);
        }

        row.Target = input.Target;
        row.WinRate = input.WinRate;
        row.ExtraPipeline = input.ExtraPipeline;
        row.ShowInReview = input.ShowInReview;
        row.CreatedBy = actor;
        row.CreatedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "scenario.save", $"{name} ({quarter} {segment ?? "company"})", before, new { input.Target, input.WinRate, input.ExtraPipeline, input.ShowInReview }, ct);
        return row.Id;
    }

    public async Task DeleteAsync(int id, string actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.PlannerScenarios.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (row is null)
        {
            return;
        }

        db.PlannerScenarios.Remove(row);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "scenario.delete", $"{row.Name} ({row.Quarter} {row.Scope.Segment ?? "company"})", new { row.Target, row.WinRate, row.ExtraPipeline }, null, ct);
    }

    public static IReadOnlyList<string> Validate(ScenarioInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add("Give the scenario a name.");
        }
        else if (input.Name.Trim().Length > 120)
        {
            errors.Add("The name is longer than 120 characters.");
        }

        if (input.Target <= 0)
        {
            errors.Add("The target must be above 0.");
        }

        if (input.WinRate is <= 0 or > 100)
        {
            errors.Add("The win rate must be above 0 % and at most 100 %.");
        }

        if (input.ExtraPipeline < 0)
        {
            errors.Add("Extra pipeline cannot be negative.");
        }

        return errors;
    }
}
