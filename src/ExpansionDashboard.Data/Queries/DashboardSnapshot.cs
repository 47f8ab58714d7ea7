using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Queries;

/// <summary>Everything the metrics read, loaded once per data version.</summary>
public sealed record DashboardSnapshot(
    long DataVersion,
    RevenueModel Revenue,
    IReadOnlyList<OpportunityInput> Opportunities,
    IReadOnlyList<TargetInput> Targets);

/// <summary>
/// Loads the store into the in-memory metric model and keeps it until the data version changes, so pages
/// never aggregate the revenue table per request.
/// </summary>
public sealed class DashboardSnapshotProvider(IDbContextFactory<DashboardDbContext> factory) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DashboardSnapshot? _current;

    public async Task<DashboardSnapshot> GetAsync(CancellationToken ct = default)
    {
        long version;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            version = await DataVersion.GetAsync(db, ct);
        }

        var snapshot = _current;
        if (snapshot is not null && snapshot.DataVersion == version)
        {
            return snapshot;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_current is { } again && again.DataVersion == version)
            {
                return again;
            }

            _current = await LoadAsync(version, ct);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<DashboardSnapshot> LoadAsync(long version, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking()
            .Select(a => new { a.Id, a.ExternalId, a.Name, a.Segment, a.Industry, a.Region, a.Csm, a.FirstPaidMonth })
            .ToListAsync(ct);
        var byId = accounts.ToDictionary(a => a.Id);
        var accountInputs = accounts.Select(a => new AccountInput(
            a.ExternalId, a.Name, a.Segment, a.Industry, a.Region, a.Csm,
            a.FirstPaidMonth is { } f ? Month.Of(f) : null)).ToList();

        var revenueRows = await db.RevenueLines.AsNoTracking()
            .Select(r => new { r.AccountId, r.Month, r.Product, r.Mrr, r.ExpansionType })
            .ToListAsync(ct);
        var revenue = revenueRows.Select(r => new RevenueInput(
            byId[r.AccountId].ExternalId, Month.Of(r.Month), r.Product, r.Mrr, LineType(r.ExpansionType))).ToList();

        var history = (await db.OpportunityStageHistory.AsNoTracking()
                .OrderBy(h => h.SeenOn).ThenBy(h => h.Id)
                .Select(h => new { h.OpportunityId, h.Stage, h.SeenOn })
                .ToListAsync(ct))
            .Where(h => StageNames.TryParse(h.Stage, out _))
            .GroupBy(h => h.OpportunityId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<StageObservation>)g.Select(h => new StageObservation(Enum.Parse<OpportunityStage>(h.Stage), h.SeenOn)).ToList());
        var opps = await db.Opportunities.AsNoTracking()
            .Select(o => new { o.Id, o.ExternalId, o.AccountId, o.Name, o.Type, o.Stage, o.Amount, o.ExpectedClose, o.Owner, o.Created, o.Closed })
            .ToListAsync(ct);
        var oppInputs = new List<OpportunityInput>(opps.Count);
        foreach (var o in opps)
        {
            if (StageNames.TryParse(o.Stage, out var stage) && StageNames.TryParseType(o.Type, out var type))
            {
                var account = byId[o.AccountId];
                oppInputs.Add(new OpportunityInput(o.ExternalId, account.ExternalId, o.Name, type, stage, o.Amount, o.ExpectedClose, o.Owner, account.Segment, o.Created, o.Closed,
                    history.TryGetValue(o.Id, out var h) ? h : []));
            }
        }

        var targets = (await db.ExpansionTargets.AsNoTracking().ToListAsync(ct))
            .Where(t => Quarter.TryParse(t.Quarter, out _))
            .Select(t => new TargetInput(Quarter.Parse(t.Quarter), string.IsNullOrEmpty(t.Segment) ? null : t.Segment, t.Amount))
            .ToList();

        return new DashboardSnapshot(version, RevenueModel.Build(accountInputs, revenue), oppInputs, targets);
    }

    private static ExpansionType? LineType(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "SEATS" => ExpansionType.Seats,
        "USAGE" => ExpansionType.Usage,
        _ => null,
    };
}
