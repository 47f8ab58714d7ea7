using ExpansionDashboard.Data.Alerts;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Data.Snapshot;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests.Alerts;

/// <summary>The alert system wired as the app wires it, on one store.</summary>
public sealed class AlertSystem : IDisposable
{
    public AlertSystem(IDbContextFactory<DashboardDbContext> db, DashboardSnapshotProvider snapshots, TimeProvider time)
    {
        Rules = new AlertRuleStore(db, time);
        Firings = new AlertFiringStore(db, time);
        Outbox = new AlertOutbox(db, time);
        Lock = new StoreLock(db);
        Evaluator = new AlertEvaluator(db, snapshots, new SettingsProvider(db), Rules, Firings, time);
    }

    public AlertRuleStore Rules { get; }

    public AlertFiringStore Firings { get; }

    public AlertOutbox Outbox { get; }

    public StoreLock Lock { get; }

    public AlertEvaluator Evaluator { get; }

    /// <summary>An evaluator for a query under test (the stores it needs are created with it).</summary>
    public static AlertEvaluator EvaluatorFor(IDbContextFactory<DashboardDbContext> db, DashboardSnapshotProvider snapshots, TimeProvider time) =>
        new AlertSystem(db, snapshots, time).Evaluator;

    public void Dispose() => Evaluator.Dispose();
}
