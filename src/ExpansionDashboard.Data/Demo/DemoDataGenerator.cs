namespace ExpansionDashboard.Data.Demo;

public sealed record DemoAccount(string ExternalId, string Name, string Segment, string Industry, string Region, string Csm);

public sealed record DemoRevenue(string AccountId, Month Month, string Product, decimal Mrr, int? Seats, string Plan, ExpansionType? ExpansionType);

public sealed record DemoOpportunity(
    string ExternalId, string AccountId, string Name, string Type, string Stage, decimal Amount,
    DateOnly ExpectedClose, string Owner, DateOnly Created, DateOnly? Closed, IReadOnlyList<(string Stage, DateOnly SeenOn)> History);

public sealed record DemoTarget(string Quarter, string Segment, decimal Amount);

public sealed record DemoHealth(
    string AccountId, Month Month, double UsageTrend, int ActiveUsers, int SupportTickets, int Nps,
    int PaymentFailures, bool ExecSponsorChange, bool QbrAttended, double PlanLimitUtilisation);

public sealed record DemoDataSet(
    IReadOnlyList<DemoAccount> Accounts,
    IReadOnlyList<DemoRevenue> Revenue,
    IReadOnlyList<DemoOpportunity> Opportunities,
    IReadOnlyList<DemoTarget> Targets,
    IReadOnlyList<DemoHealth> Health);

/// <summary>
/// A deterministic, realistic demo book of business: same seed and same current month, same data.
/// About 2,000 accounts over 36 months up to the current month; Healthcare expands best and Retail worst;
/// opportunities in every stage over the last 8 and next 2 quarters, each with the stage history a CRM would show, with targets set so that SMB's
/// current-quarter coverage sits below the 2.5x alert line.
/// </summary>
public sealed class DemoDataGenerator(int seed = 20261123, int accountCount = 2000, int months = 36)
{
    public const string CoreProduct = "Core Platform";
    public const string AnalyticsProduct = "Analytics";
    public const string AutomationProduct = "Automation";

    private static readonly string[] Regions = ["North America", "EMEA", "APAC", "LATAM"];
    private static readonly string[] Csms = ["Ava Thompson", "Liam Chen", "Sofia Garcia", "Noah Patel", "Mia Johansson", "Lucas Müller", "Emma Rossi", "Ethan Okafor"];

    // (name, expansion multiplier, churn multiplier): Healthcare expands best, Retail worst.
    private static readonly (string Name, double Expand, double Churn)[] Industries =
    [
        ("Healthcare", 1.8, 0.6), ("Technology", 1.3, 0.9), ("Financial Services", 1.2, 0.8),
        ("Manufacturing", 1.0, 1.0), ("Education", 0.9, 1.1), ("Media", 0.8, 1.3), ("Retail", 0.45, 1.9),
    ];

    // (name, share, seat price, min seats, max seats, monthly churn probability)
    private static readonly (string Name, double Share, decimal SeatPrice, int MinSeats, int MaxSeats, double Churn)[] Segments =
    [
        ("Enterprise", 0.15, 45m, 80, 400, 0.004), ("Mid-Market", 0.35, 40m, 20, 90, 0.009), ("SMB", 0.50, 35m, 3, 18, 0.018),
    ];

    private static readonly string[] NamePrefixes =
    [
        "Apex", "Blue", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper", "Kite", "Lumen", "Maple",
        "North", "Orbit", "Pine", "Quartz", "River", "Summit", "Tidal", "Umber", "Vector", "Willow", "Xenon", "Yarrow", "Zephyr",
    ];

    private static readonly string[] NameSuffixes = ["Labs", "Health", "Systems", "Group", "Partners", "Works", "Digital", "Logistics", "Retail", "Capital", "Media", "Foods"];

    public DemoDataSet Generate(Month currentMonth)
    {
        var rng = new Random(seed);
        var first = currentMonth.AddMonths(-(months - 1));
        var accounts = new List<DemoAccount>(accountCount);
        var revenue = new List<DemoRevenue>(accountCount * 30);
        var health = new List<DemoHealth>(accountCount * 24);
        var activeAt = new Dictionary<string, (string Segment, bool[] Active, decimal[] Mrr)>();

        for (var i = 0; i < accountCount; i++)
        {
            var segment = PickSegment(rng.NextDouble());
            var industry = Industries[rng.Next(Industries.Length)];
            var id = $"ACC-{i + 1:D5}";
            var name = $"{NamePrefixes[rng.Next(NamePrefixes.Length)]} {NameSuffixes[rng.Next(NameSuffixes.Length)]} {i + 1}";
            var account = new DemoAccount(id, name, segment.Name, industry.Name, Regions[rng.Next(Regions.Length)], Csms[rng.Next(Csms.Length)]);
            accounts.Add(account);

            // A third of the book is already paying when the window opens; the rest lands over time.
            var start = rng.NextDouble() < 0.33 ? 0 : rng.Next(1, months);
            var seats = rng.Next(segment.MinSeats, segment.MaxSeats + 1);
            var seatPrice = segment.SeatPrice;
            decimal analytics = 0, automation = 0;
            var active = true;
            var everChurned = false;
            // Skewed towards healthy: a real book has a small red tail, and the risk list must be one a team can work through.
            var health0 = 0.1 + (0.9 * Math.Sqrt(rng.NextDouble()));
            var activeFlags = new bool[months];
            var totals = new decimal[months];

            for (var m = start; m < months; m++)
            {
                var month = first.AddMonths(m);
                string? coreHint = null;
                if (m > start)
                {
                    if (active)
                    {
                        var churnP = segment.Churn * industry.Churn * (health0 < 0.2 ? 2.5 : 1.0);
                        if (rng.NextDouble() < churnP)
                        {
                            active = false;
                            everChurned = true;
                        }
                    }
                    else if (everChurned && rng.NextDouble() < 0.04)
                    {
                        active = true;
                    }

                    if (active)
                    {
                        var e = industry.Expand * (0.6 + health0);
                        var r = rng.NextDouble();
                        if (r < 0.030 * e)
                        {
                            // Seat growth.
                            seats += Math.Max(1, (int)(seats * (0.05 + rng.NextDouble() * 0.2)));
                            coreHint = "Seats";
                        }
                        else if (r < 0.045 * e)
                        {
                            // Upsell: a higher tier price.
                            seatPrice = decimal.Round(seatPrice * 1.15m, 2);
                        }
                        else if (r < 0.055 * e && analytics == 0)
                        {
                            analytics = decimal.Round(seats * seatPrice * 0.25m, 2);
                        }
                        else if (r < 0.062 * e && automation == 0)
                        {
                            automation = decimal.Round(seats * seatPrice * (0.1m + (decimal)rng.NextDouble() * 0.2m), 2);
                        }
                        else if (r < 0.075 * e && automation > 0)
                        {
                            automation = decimal.Round(automation * 1.2m, 2);
                            coreHint = "Usage";
                        }
                        else if (rng.NextDouble() < 0.02 / industry.Expand)
                        {
                            // Contraction: seats cut.
                            seats = Math.Max(1, seats - Math.Max(1, (int)(seats * (0.1 + rng.NextDouble() * 0.25))));
                        }
                    }
                }

                if (!active)
                {
                    continue;
                }

                var core = seats * seatPrice;
                activeFlags[m] = true;
                totals[m] = core + analytics + automation;
                var plan = seatPrice >= segment.SeatPrice * 1.3m ? "Premium" : seatPrice > segment.SeatPrice ? "Plus" : "Standard";
                revenue.Add(new DemoRevenue(id, month, CoreProduct, core, seats, plan, coreHint == "Seats" ? ExpansionType.Seats : null));
                if (analytics > 0)
                {
                    revenue.Add(new DemoRevenue(id, month, AnalyticsProduct, analytics, null, plan, null));
                }

                if (automation > 0)
                {
                    revenue.Add(new DemoRevenue(id, month, AutomationProduct, automation, null, plan, coreHint == "Usage" ? ExpansionType.Usage : null));
                }

                var h = Math.Clamp(health0 + (rng.NextDouble() - 0.5) * 0.3, 0, 1);
                health.Add(new DemoHealth(
                    id, month,
                    UsageTrend: Math.Round((h - 0.45) * 0.4 + (rng.NextDouble() - 0.5) * 0.1, 3),
                    ActiveUsers: Math.Max(1, (int)(seats * (0.4 + h * 0.55))),
                    SupportTickets: (int)((1 - h) * 8 * rng.NextDouble() + (segment.Name == "Enterprise" ? 2 : 0)),
                    Nps: (int)Math.Round(-60 + h * 130 + (rng.NextDouble() - 0.5) * 20),
                    PaymentFailures: h < 0.25 && rng.NextDouble() < 0.4 ? rng.Next(1, 3) : 0,
                    ExecSponsorChange: rng.NextDouble() < (h < 0.3 ? 0.08 : 0.02),
                    QbrAttended: rng.NextDouble() < 0.3 + h * 0.6,
                    PlanLimitUtilisation: Math.Round(Math.Clamp(0.35 + h * 0.6 + (rng.NextDouble() - 0.5) * 0.2, 0, 1), 3)));
            }

            activeAt[id] = (segment.Name, activeFlags, totals);
        }

        var (opps, targets) = GeneratePipeline(rng, accounts, activeAt, currentMonth, first);
        return new DemoDataSet(accounts, revenue, opps, targets, health);
    }

    private (List<DemoOpportunity>, List<DemoTarget>) GeneratePipeline(
        Random rng, List<DemoAccount> accounts, Dictionary<string, (string Segment, bool[] Active, decimal[] Mrr)> activeAt, Month currentMonth, Month first)
    {
        var opps = new List<DemoOpportunity>();
        var targets = new List<DemoTarget>();
        var today = currentMonth.FirstDay.AddDays(Math.Min(21, currentMonth.LastDay.Day - 1));
        var currentQuarter = currentMonth.Quarter;
        var last = months - 1;
        var payingNow = accounts.Where(a => activeAt[a.ExternalId].Active[last]).ToList();
        string[] types = ["Upsell", "CrossSell", "Seats", "Usage"];
        string[] openStages = ["Identified", "Engaged", "Qualified", "Proposal", "Negotiation"];
        var counter = 0;

        // Current-quarter coverage per segment (Enterprise on track, Mid-Market watch, SMB alert) and next quarter's.
        var currentCoverage = new Dictionary<string, decimal> { ["Enterprise"] = 3.4m, ["Mid-Market"] = 2.8m, ["SMB"] = 1.9m };
        var nextCoverage = new Dictionary<string, decimal> { ["Enterprise"] = 2.7m, ["Mid-Market"] = 3.2m, ["SMB"] = 2.2m };

        for (var dq = -8; dq <= 1; dq++)
        {
            var quarter = currentQuarter.AddQuarters(dq);
            foreach (var seg in Segments)
            {
                var pool = payingNow.Where(a => a.Segment == seg.Name).ToList();
                if (pool.Count == 0)
                {
                    continue;
                }

                var (min, max) = seg.Name switch { "Enterprise" => (20_000, 150_000), "Mid-Market" => (5_000, 40_000), _ => (1_000, 8_000) };
                var count = seg.Name switch { "Enterprise" => 22, "Mid-Market" => 30, _ => 40 };
                decimal won = 0, open = 0;
                for (var i = 0; i < count; i++)
                {
                    var account = pool[rng.Next(pool.Count)];
                    var type = types[rng.Next(types.Length)];
                    var amount = (decimal)(rng.Next(min, max) / 100 * 100);
                    var closeDay = quarter.FirstDay.AddDays(rng.Next(0, quarter.LastDay.DayNumber - quarter.FirstDay.DayNumber + 1));
                    var created = closeDay.AddDays(-rng.Next(30, 150));
                    if (created >= today)
                    {
                        created = today.AddDays(-rng.Next(1, 20));
                    }

                    string stage;
                    DateOnly? closed = null;
                    if (closeDay < today && (dq < 0 || rng.NextDouble() < 0.85))
                    {
                        var winRate = seg.Name == "SMB" ? 0.35 : 0.45;
                        stage = rng.NextDouble() < winRate ? "ClosedWon" : "ClosedLost";
                        closed = closeDay;
                    }
                    else if (dq < 0)
                    {
                        // A stale deal that slipped: still open, expected close in the past.
                        stage = openStages[rng.Next(openStages.Length)];
                    }
                    else
                    {
                        stage = dq == 1 ? openStages[rng.Next(0, 3)] : openStages[rng.Next(openStages.Length)];
                        if (closeDay < today)
                        {
                            closeDay = today.AddDays(rng.Next(1, Math.Max(2, quarter.LastDay.DayNumber - today.DayNumber)));
                        }
                    }

                    if (stage == "ClosedWon")
                    {
                        won += amount;
                    }
                    else if (stage is not "ClosedLost" && quarter.Contains(closeDay))
                    {
                        open += amount;
                    }

                    counter++;
                    opps.Add(new DemoOpportunity(
                        $"OPP-{counter:D5}", account.ExternalId, $"{account.Name} – {Label(type)}", type, stage, amount,
                        closeDay, account.Csm, created, closed, StageHistory(rng, stage, created, closed ?? today, openStages)));
                }

                decimal target = dq switch
                {
                    < 0 => won / (decimal)(0.8 + rng.NextDouble() * 0.35),
                    0 => won + open / currentCoverage[seg.Name],
                    _ => open / nextCoverage[seg.Name],
                };
                targets.Add(new DemoTarget(quarter.ToString(), seg.Name, decimal.Round(target / 1000m, 0) * 1000m));
            }
        }

        _ = first;
        return (opps, targets);
    }

    /// <summary>
    /// The stages a deal passed, spread evenly from its creation to its close (or today): a won deal every open stage,
    /// a lost one up to the stage it died in (early stages lose most), an open one up to its current stage.
    /// </summary>
    private static List<(string Stage, DateOnly SeenOn)> StageHistory(Random rng, string stage, DateOnly created, DateOnly end, string[] openStages)
    {
        var reached = stage switch
        {
            "ClosedWon" => openStages.Length - 1,
            "ClosedLost" => Pick(rng.NextDouble(), [0.35, 0.25, 0.2, 0.12, 0.08]),
            _ => Array.IndexOf(openStages, stage),
        };
        var span = Math.Max(1, end.DayNumber - created.DayNumber);
        var history = new List<(string, DateOnly)>();
        for (var s = 0; s <= reached; s++)
        {
            history.Add((openStages[s], created.AddDays(span * s / (reached + 1))));
        }

        if (stage is "ClosedWon" or "ClosedLost")
        {
            history.Add((stage, end));
        }

        return history;
    }

    private static int Pick(double u, double[] weights)
    {
        var acc = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            acc += weights[i];
            if (u < acc)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static string Label(string type) => type switch { "CrossSell" => "Cross-sell", "Seats" => "Seat expansion", "Usage" => "Usage tier", _ => "Upsell" };

    private static (string Name, double Share, decimal SeatPrice, int MinSeats, int MaxSeats, double Churn) PickSegment(double u)
    {
        var acc = 0.0;
        foreach (var s in Segments)
        {
            acc += s.Share;
            if (u < acc)
            {
                return s;
            }
        }

        return Segments[^1];
    }
}
