using ExpansionDashboard.Metrics.Alerts;
using ExpansionDashboard.Metrics.Pipeline;
using ExpansionDashboard.Metrics.Retention;
using BandWords = ExpansionDashboard.Metrics.Bands.BandWords;

namespace ExpansionDashboard.Web.Features.Review;

/// <summary>
/// Turns the review query's figures into the deck as shown (<see cref="DeckView"/>): the words, severities and changes
/// are decided here once, so the page, the PowerPoint file and a saved review cannot disagree.
/// </summary>
public static class DeckBuilder
{
    public const int OpportunityRows = 10;
    public const int AtRiskRows = 8;
    public const int AlertRows = 8;
    public const int ScenarioRows = 8;

    public static DeckView Build(ReviewDeck deck, IReadOnlyList<ScenarioView> scenarios, string currency, DateTimeOffset refreshedAt)
    {
        ArgumentNullException.ThrowIfNull(deck);
        ArgumentNullException.ThrowIfNull(scenarios);
        var month = deck.Month.ToString();
        var quarter = deck.Quarter.ToString();
        var headlines = Headlines(deck);
        if (!deck.HasData)
        {
            return new DeckView(DeckView.CurrentVersion, deck.Date, month, quarter, refreshedAt, deck.DataVersion, false, [], headlines);
        }

        var slides = new List<DeckSlide>
        {
            Winning(deck),
            Nrr(deck, currency),
            Segments(deck, currency),
            Coverage(deck, currency),
            Opportunities(deck, currency),
            AtRisk(deck, currency),
            Alerts(deck),
        };
        if (scenarios.Count > 0)
        {
            slides.Add(Scenarios(deck, scenarios, currency));
        }

        return new DeckView(DeckView.CurrentVersion, deck.Date, month, quarter, refreshedAt, deck.DataVersion, true, slides, headlines);
    }

    private static DeckSlide Winning(ReviewDeck deck)
    {
        var nrr = deck.Numbers.Single(n => n.Id == "nrr-t12m");
        var coverage = deck.Numbers.Single(n => n.Id == "coverage");
        var low = Metrics.Defaults.ExpansionRateHealthyLow;
        var high = Metrics.Defaults.ExpansionRateHealthyHigh;
        var max = Math.Max(6m, Math.Ceiling(deck.Segments.Select(s => s.ExpansionRate ?? 0m).DefaultIfEmpty(0m).Max() + 1m));
        var bars = deck.Segments.Select(s =>
        {
            var word = BandWords.ExpansionRate(s.ExpansionRate);
            var inBand = s.ExpansionRate is { } r && r >= low && r <= high;
            return new DeckBar(s.Segment, Format.Percent(s.ExpansionRate, 1), s.ExpansionRate, DeckSeverity.Of(word.Severity),
                s.ExpansionRate is null ? null : inBand ? "in the band" : word.Word, Change(s.ExpansionRate, s.ExpansionRatePrevious, "percent", ReviewNumber.LastMonth), low, high, max);
        }).ToList();
        var range = string.Create(CultureInfo.CurrentCulture, $"{low:0.#}–{high:0.#} %");
        var kpis = new List<DeckKpi>
        {
            new(nrr.Id, nrr.Label, Format.Percent(nrr.Value, 1), DeckSeverity.Of(nrr.Severity), nrr.Band, Change(nrr), nrr.Note, Raw: nrr.Value),
            new(coverage.Id, coverage.Label, coverage.Band == "Target met" ? "Met" : Format.Multiple(coverage.Value), DeckSeverity.Of(coverage.Severity), coverage.Band, Change(coverage), coverage.Note, Raw: coverage.Value),
            new("expansion-rate-by-segment", $"Expansion rate by segment ({deck.Month})", range + " healthy", Worst(bars.Select(b => b.Severity)), null, null,
                "expansion MRR in the month ÷ MRR at its start", bars),
        };
        return new DeckSlide("winning", "Are we winning?", $"{deck.Month} · {deck.Quarter}", ["nrr", "coverage", "expansion-rate"], Kpis: kpis,
            Legend: string.Create(CultureInfo.CurrentCulture,
                $"● Good · ▲ Watch · ■ Act now. NRR: ≥ {deck.Nrr.WorldClass:0.#} % world class, {deck.Nrr.Strong:0.#}–{deck.Nrr.WorldClass:0.#} strong, {deck.Nrr.NeedsImprovement:0.#}–{deck.Nrr.Strong:0.#} needs improvement, < {deck.Nrr.NeedsImprovement:0.#} critical."));
    }

    private static DeckSlide Nrr(ReviewDeck deck, string currency)
    {
        var values = deck.NrrTrend.Select(p => p.Value is { } v ? Math.Round(v, 2) : (decimal?)null).ToList();
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        var (min, max) = present.Count == 0 ? (80m, 130m) : (Math.Floor((present.Min() - 3m) / 5m) * 5m, Math.Ceiling((present.Max() + 3m) / 5m) * 5m);
        var t = deck.Nrr;
        var bands = new List<DeckBand>
        {
            new(t.WorldClass, decimal.MaxValue, "World class", DeckSeverity.Good),
            new(t.Strong, t.WorldClass, "Strong", DeckSeverity.Good),
            new(t.NeedsImprovement, t.Strong, "Needs improvement", DeckSeverity.Watch),
            new(decimal.MinValue, t.NeedsImprovement, "Critical", DeckSeverity.Alert),
        }.Where(b => b.To > min && b.From < max).Select(b => b with { From = Math.Max(b.From, min), To = Math.Min(b.To, max) }).ToList();
        var chart = new DeckChart("Trailing-12-month NRR", ChartFormats.Percent, deck.NrrTrend.Select(p => p.Month.ToString()).ToList(), values, bands, min, max);

        var tables = new List<DeckTable>();
        if (deck.Bridge is { } b)
        {
            var rows = new List<IReadOnlyList<DeckCell>> { new[] { new DeckCell($"Start MRR {b.Start}"), new DeckCell(Format.Money(b.StartMrr, currency)) } };
            rows.AddRange(b.Bars.Select(bar => (IReadOnlyList<DeckCell>)new[]
            {
                new DeckCell(bar.Label), new DeckCell((bar.Amount > 0 ? "+" : "") + Format.Money(bar.Amount, currency), bar.Amount < 0 ? DeckSeverity.Alert : bar.Amount > 0 ? DeckSeverity.Good : null),
            }));
            rows.Add([new DeckCell($"End MRR {b.End}"), new DeckCell(Format.Money(b.EndMrr, currency))]);
            rows.Add([new DeckCell("NRR"), new DeckCell(Format.Percent(b.Nrr, 1), DeckSeverity.Of(BandWords.Nrr(b.Nrr, t).Severity))]);
            tables.Add(new DeckTable("review-bridge", "Bridge", [new DeckColumn("Cohort", Wide: true), new DeckColumn("MRR", true)], rows));
        }

        return new DeckSlide("nrr", "Net revenue retention", $"trend and bridge, {deck.Month.AddMonths(-12)} → {deck.Month}", ["nrr", "nrr-bridge"], Chart: chart, Tables: tables);
    }

    private static DeckSlide Segments(ReviewDeck deck, string currency)
    {
        var rows = deck.Segments.Select(s =>
        {
            var benchmark = SegmentNrrBands.For(deck.NrrBands, s.Segment);
            var benchSev = DeckSeverity.Of(SegmentNrrBands.SeverityOf(SegmentNrrBands.Judge(benchmark, s.NrrT12m)));
            var nrrSev = DeckSeverity.Of(BandWords.Nrr(s.NrrT12m, deck.Nrr).Severity);
            var rateSev = DeckSeverity.Of(BandWords.ExpansionRate(s.ExpansionRate).Severity);
            var covSev = DeckSeverity.Of(CoverageThresholds.SeverityOf(s.Coverage.Band));
            return (IReadOnlyList<DeckCell>)new[]
            {
                new DeckCell(s.Segment),
                new DeckCell(s.Accounts.ToString("N0", CultureInfo.CurrentCulture)),
                new DeckCell(Format.Money(s.Mrr, currency)),
                new DeckCell(Format.Percent(s.NrrT12m), nrrSev),
                new DeckCell(benchmark is null ? "–" : Position(SegmentNrrBands.Judge(benchmark, s.NrrT12m)) + string.Create(CultureInfo.CurrentCulture, $" {benchmark.Low:0.#}–{benchmark.High:0.#} %"), benchmark is null ? null : benchSev),
                new DeckCell(Format.Percent(s.GrrT12m)),
                new DeckCell(Format.Percent(s.ExpansionRate, 1), rateSev),
                new DeckCell(ChartSpecs.CoverageLabel(s.Coverage), covSev),
            };
        }).ToList();
        var columns = new[]
        {
            new DeckColumn("Segment"), new DeckColumn("Accounts", true), new DeckColumn("MRR", true), new DeckColumn("NRR", true), new DeckColumn("NRR band"),
            new DeckColumn("GRR", true), new DeckColumn("Exp. rate", true), new DeckColumn($"Coverage {deck.Quarter}", true),
        };
        return new DeckSlide("segments", "Where: segments", $"{deck.Month}, trailing 12 months", ["nrr", "segment-nrr-bands", "grr", "expansion-rate", "coverage"],
            Tables: [new DeckTable("review-segments", null, columns, rows)]);
    }

    private static DeckSlide Coverage(ReviewDeck deck, string currency)
    {
        var c = deck.CompanyCoverage;
        var number = deck.Numbers.Single(n => n.Id == "coverage");
        var kpi = new DeckKpi("coverage-company", "Company", ChartSpecs.CoverageLabel(c), DeckSeverity.Of(CoverageThresholds.SeverityOf(c.Band)), CoverageThresholds.Label(c.Band),
            Change(number), $"open {Format.Money(c.OpenPipeline, currency)} · won {Format.Money(c.ClosedWon, currency)} of {Format.Money(c.Target, currency)}", Raw: c.Coverage);
        var rows = deck.SegmentCoverage.Select(r => (IReadOnlyList<DeckCell>)new[]
        {
            new DeckCell(r.Segment ?? "Company"),
            new DeckCell(ChartSpecs.CoverageLabel(r), DeckSeverity.Of(CoverageThresholds.SeverityOf(r.Band))),
            new DeckCell(Format.Money(r.OpenPipeline, currency)),
            new DeckCell(r.Band is CoverageBand.Alert or CoverageBand.Watch ? Format.Money(r.ShortfallTo(deck.OnTrack), currency) : "–"),
        }).ToList();
        var tables = new List<DeckTable>
        {
            new("review-coverage", "By segment", [new DeckColumn("Segment"), new DeckColumn("Coverage", true), new DeckColumn("Open pipeline", true), new DeckColumn($"Needed for {Format.Multiple(deck.OnTrack)}", true)], rows),
        };
        if (deck.CoverageFindings.Count > 0)
        {
            tables.Add(new DeckTable("review-coverage-alerts", "Coverage alerts", [new DeckColumn(""), new DeckColumn("Alert", Wide: true)],
                deck.CoverageFindings.Take(4).Select(f => (IReadOnlyList<DeckCell>)new[] { SeverityCell(f.Severity), new DeckCell(f.Message) }).ToList()));
        }

        return new DeckSlide("coverage", "What comes: pipeline coverage", $"{deck.Quarter}, on track at {Format.Multiple(deck.OnTrack)}", ["coverage"], Kpis: [kpi], Tables: tables);
    }

    private static DeckSlide Opportunities(ReviewDeck deck, string currency)
    {
        var rows = deck.TopOpportunities.Take(OpportunityRows).Select(o => (IReadOnlyList<DeckCell>)new[]
        {
            new DeckCell(o.AccountName), new DeckCell(StageNames.Of(o.Stage)), new DeckCell(Format.Money(o.Amount, currency)),
            new DeckCell(o.ExpectedClose.ToString("MMM d", CultureInfo.CurrentCulture)), new DeckCell(o.Owner, Person: true),
        }).ToList();
        return new DeckSlide("opportunities", $"Top {OpportunityRows} expansion opportunities", $"open, closing in {deck.Quarter} or {deck.Quarter.AddQuarters(1)}", ["weighted-pipeline"],
            Tables: [new DeckTable("review-opportunities", null, [new DeckColumn("Account", Wide: true), new DeckColumn("Stage"), new DeckColumn("ARR", true), new DeckColumn("Close"), new DeckColumn("Owner")], rows)],
            Empty: rows.Count == 0 ? "No open expansion opportunity closes this quarter or next." : null);
    }

    private static DeckSlide AtRisk(ReviewDeck deck, string currency)
    {
        var rows = deck.AtRisk.Take(AtRiskRows).Select(r => (IReadOnlyList<DeckCell>)new[]
        {
            new DeckCell(r.Name), new DeckCell(r.Segment), new DeckCell(Format.Money(r.Mrr, currency)),
            new DeckCell(r.HealthScore?.ToString("0", CultureInfo.CurrentCulture) ?? "–", r.HealthScore < 40m ? DeckSeverity.Alert : null),
            new DeckCell(r.Reasons), new DeckCell(r.Csm, Person: true),
        }).ToList();
        return new DeckSlide("at-risk", "Accounts at risk", $"{deck.AtRisk.Count} accounts · the {AtRiskRows} largest", ["at-risk", "health-score"],
            Tables: [new DeckTable("review-at-risk", null, [new DeckColumn("Account", Wide: true), new DeckColumn("Segment"), new DeckColumn("MRR", true), new DeckColumn("Health", true), new DeckColumn("Why", Wide: true), new DeckColumn("CSM", Wide: true)], rows)],
            Empty: rows.Count == 0 ? "No account is at risk." : null);
    }

    private static DeckSlide Alerts(ReviewDeck deck)
    {
        var rows = deck.OpenAlerts.Take(AlertRows).Select(f => (IReadOnlyList<DeckCell>)new[]
        {
            SeverityCell(f.Severity), new DeckCell(f.Message), new DeckCell(f.FiredUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new DeckCell(f.AcknowledgedBy ?? "–", Person: f.AcknowledgedBy is not null),
        }).ToList();
        return new DeckSlide("alerts", "Open alerts", $"{deck.OpenAlerts.Count} open on {deck.Date:yyyy-MM-dd}", [],
            Tables: rows.Count == 0 ? [] : [new DeckTable("review-alerts", null, [new DeckColumn("Severity"), new DeckColumn("Alert", Wide: true), new DeckColumn("Since"), new DeckColumn("Acknowledged", Wide: true)], rows)],
            Empty: rows.Count == 0 ? "● No alert was open." : null);
    }

    private static DeckSlide Scenarios(ReviewDeck deck, IReadOnlyList<ScenarioView> scenarios, string currency)
    {
        var rows = scenarios.Take(ScenarioRows).Select(sc => (IReadOnlyList<DeckCell>)new[]
        {
            new DeckCell(sc.Name), new DeckCell(sc.Quarter.ToString()), new DeckCell(sc.Segment ?? "Company"), new DeckCell(Format.Money(sc.Target, currency)),
            new DeckCell(Format.Percent(sc.WinRate, 0)),
            new DeckCell(sc.Result.Coverage is { } c ? Format.Multiple(c) : CoverageThresholds.Label(sc.Result.Band), DeckSeverity.Of(CoverageThresholds.SeverityOf(sc.Result.Band))),
            new DeckCell(Format.Money(sc.Result.NeededForOnTrack, currency)),
        }).ToList();
        return new DeckSlide("scenarios", "What if: coverage scenarios", "saved in the planner, against today's pipeline", ["coverage-planner"],
            Tables: [new DeckTable("review-scenarios", null, [new DeckColumn("Scenario", Wide: true), new DeckColumn("Quarter"), new DeckColumn("Segment"), new DeckColumn("Target", true),
                new DeckColumn("Win rate", true), new DeckColumn("Coverage", true), new DeckColumn($"Needed for {Format.Multiple(deck.OnTrack)}", true)], rows)]);
    }

    private static string Position(BenchmarkPosition p) => p switch
    {
        BenchmarkPosition.Below => "below",
        BenchmarkPosition.Above => "above",
        BenchmarkPosition.Within => "within",
        _ => "",
    };

    private static List<DeckFigure> Headlines(ReviewDeck deck)
    {
        var figures = new List<DeckFigure>();
        if (deck.Numbers.FirstOrDefault(n => n.Id == "nrr-t12m") is { } nrr)
        {
            figures.Add(new DeckFigure(nrr.Id, nrr.Label, nrr.Value, "percent", Format.Percent(nrr.Value, 1)));
        }

        if (deck.Numbers.FirstOrDefault(n => n.Id == "coverage") is { } coverage)
        {
            figures.Add(new DeckFigure(coverage.Id, coverage.Label, coverage.Value, "multiple", coverage.Band == "Target met" ? "Met" : Format.Multiple(coverage.Value)));
        }

        figures.AddRange(deck.Segments.Select(s => new DeckFigure($"expansion-rate:{s.Segment}", $"Expansion rate {s.Segment}", s.ExpansionRate, "percent", Format.Percent(s.ExpansionRate, 1))));
        figures.Add(new DeckFigure("at-risk", "Accounts at risk", deck.AtRisk.Count, "count", deck.AtRisk.Count.ToString("N0", CultureInfo.CurrentCulture)));
        figures.Add(new DeckFigure("open-alerts", "Open alerts", deck.OpenAlerts.Count, "count", deck.OpenAlerts.Count.ToString("N0", CultureInfo.CurrentCulture)));
        return figures;
    }

    /// <summary>"▲ +1.2 pp vs last month": the change over the figure's own period; null without a figure to compare.</summary>
    public static string? Change(ReviewNumber n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return Change(n.Value, n.Previous, n.Unit, n.Since);
    }

    public static string? Change(decimal? now, decimal? before, string unit, string since)
    {
        if (now is not { } v || before is not { } w)
        {
            return null;
        }

        return ChangeText(v - w, unit) + " vs " + since;
    }

    /// <summary>A difference with its arrow and unit: "▲ +1.2 pp", "▼ −0.3x", "= 0.0 pp".</summary>
    public static string ChangeText(decimal c, string unit)
    {
        var rounded = Math.Round(c, 1);
        var arrow = rounded > 0 ? "▲" : rounded < 0 ? "▼" : "=";
        var suffix = unit switch { "multiple" => "x", "count" => "", _ => " pp" };
        var format = unit == "count" ? "+0;-0;0" : "+0.0;-0.0;0.0";
        return $"{arrow} {rounded.ToString(format, CultureInfo.CurrentCulture)}{suffix}";
    }

    private static DeckCell SeverityCell(AlertSeverity severity)
    {
        var s = DeckSeverity.Of(AlertSeverities.ToBand(severity));
        return new DeckCell(DeckSeverity.Word(s), s);
    }

    private static string Worst(IEnumerable<string> severities)
    {
        var list = severities.ToList();
        return list.Contains(DeckSeverity.Alert) ? DeckSeverity.Alert : list.Contains(DeckSeverity.Watch) ? DeckSeverity.Watch : list.Contains(DeckSeverity.Good) ? DeckSeverity.Good : DeckSeverity.None;
    }
}
