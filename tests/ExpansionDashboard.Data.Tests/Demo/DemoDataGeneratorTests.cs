using ExpansionDashboard.Data.Demo;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Data.Tests.Demo;

[Trait(Lanes.Category, Lanes.Unit)]
public class DemoDataGeneratorTests
{
    private static readonly Month Current = new(2026, 11);
    private static readonly Lazy<DemoDataSet> Set = new(() => new DemoDataGenerator().Generate(Current));

    private static RevenueModel Model() => RevenueModel.Build(
        Set.Value.Accounts.Select(a => new AccountInput(a.ExternalId, a.Name, a.Segment, a.Industry, a.Region, a.Csm)),
        Set.Value.Revenue.Select(r => new RevenueInput(r.AccountId, r.Month, r.Product, r.Mrr,
            r.ExpansionType)));

    [Fact]
    public void Generate_SameSeedAndMonth_ProducesIdenticalData()
    {
        var again = new DemoDataGenerator().Generate(Current);

        Assert.Equal(Set.Value.Accounts, again.Accounts);
        Assert.Equal(Set.Value.Revenue, again.Revenue);
        Assert.Equal(Set.Value.Opportunities.Select(o => o with { History = [] }), again.Opportunities.Select(o => o with { History = [] }));
        Assert.Equal(Set.Value.Opportunities.SelectMany(o => o.History), again.Opportunities.SelectMany(o => o.History));
        Assert.Equal(Set.Value.Targets, again.Targets);
    }

    [Fact]
    public void Generate_DifferentSeed_ProducesDifferentData() =>
        Assert.NotEqual(Set.Value.Revenue.Sum(r => r.Mrr), new DemoDataGenerator(seed: 1).Generate(Current).Revenue.Sum(r => r.Mrr));

    [Fact]
    public void Generate_Shape_MatchesTheBrief()
    {
        var s = Set.Value;
        Assert.Equal(2000, s.Accounts.Count);
        Assert.Equal(["Enterprise", "Mid-Market", "SMB"], s.Accounts.Select(a => a.Segment).Distinct().Order());
        Assert.True(s.Accounts.Select(a => a.Industry).Distinct().Count() >= 6);
        Assert.Equal(4, s.Accounts.Select(a => a.Region).Distinct().Count());
        Assert.Equal(8, s.Accounts.Select(a => a.Csm).Distinct().Count());
        Assert.Equal(3, s.Revenue.Select(r => r.Product).Distinct().Count());
        Assert.Equal(Current, s.Revenue.Max(r => r.Month));
        Assert.Equal(Current.AddMonths(-35), s.Revenue.Min(r => r.Month));
        Assert.NotEmpty(s.Health);
    }

    [Fact]
    public void Generate_Movements_IncludeEveryKindAndExpansionType()
    {
        var months = MrrMovements.Compute(Model());

        Assert.True(months.Sum(m => m.New) > 0);
        Assert.True(months.Sum(m => m.Reactivation) > 0);
        Assert.True(months.Sum(m => m.Expansion) > 0);
        Assert.True(months.Sum(m => m.Contraction) < 0);
        Assert.True(months.Sum(m => m.Churn) < 0);
        Assert.True(months.Sum(m => m.ExpansionByType.Upsell) > 0);
        Assert.True(months.Sum(m => m.ExpansionByType.CrossSell) > 0);
        Assert.True(months.Sum(m => m.ExpansionByType.Seats) > 0);
        Assert.True(months.Sum(m => m.ExpansionByType.Usage) > 0);
    }

    [Fact]
    public void Generate_Industries_HealthcareRetainsBestRetailWorst()
    {
        var model = Model();
        var nrr = new[] { "Healthcare", "Technology", "Financial Services", "Manufacturing", "Education", "Media", "Retail" }
            .ToDictionary(i => i, i => NetRevenueRetention.Compute(model, Current.AddMonths(-12), Current, new AccountFilter(Industry: i))!.Value);

        Assert.Equal("Healthcare", nrr.MaxBy(kv => kv.Value).Key);
        Assert.Equal("Retail", nrr.MinBy(kv => kv.Value).Key);
    }

    [Fact]
    public void Generate_Pipeline_EveryStageAndSmbCoverageBelowAlertLine()
    {
        var s = Set.Value;
        var segmentOf = s.Accounts.ToDictionary(a => a.ExternalId, a => a.Segment);
        Assert.Equal(7, s.Opportunities.Select(o => o.Stage).Distinct().Count());

        var opps = s.Opportunities.Select(o =>
        {
            Assert.True(StageNames.TryParse(o.Stage, out var stage));
            Assert.True(StageNames.TryParseType(o.Type, out var type));
            return new OpportunityInput(o.ExternalId, o.AccountId, o.Name, type, stage, o.Amount, o.ExpectedClose, o.Owner, segmentOf[o.AccountId], o.Created, o.Closed);
        }).ToList();
        var targets = s.Targets.Select(t => new TargetInput(Quarter.Parse(t.Quarter), t.Segment, t.Amount)).ToList();

        var smb = PipelineCoverage.Compute(opps, targets, Current.Quarter, "SMB");
        var ent = PipelineCoverage.Compute(opps, targets, Current.Quarter, "Enterprise");
        Assert.Equal(CoverageBand.Alert, smb.Band);
        Assert.Equal(CoverageBand.OnTrack, ent.Band);
        Assert.Equal(10 * 3, targets.Count); // the last 8 quarters, this one and the next, per segment
        // Every deal has a stage history that starts at Identified, moves forward only and ends in its current stage.
        Assert.All(s.Opportunities, o =>
        {
            Assert.Equal("Identified", o.History[0].Stage);
            Assert.Equal(o.Stage, o.History[^1].Stage);
            Assert.Equal(o.History.OrderBy(h => h.SeenOn).Select(h => h.Stage), o.History.Select(h => h.Stage));
            Assert.All(o.History, h => Assert.True(h.SeenOn >= o.Created && h.SeenOn <= (o.Closed ?? Current.LastDay)));
        });
    }
}
