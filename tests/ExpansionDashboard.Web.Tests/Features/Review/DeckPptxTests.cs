using System.Net;
using DocumentFormat.OpenXml.Packaging;
using ExpansionDashboard.Data.Review;
using ExpansionDashboard.Data.SavedReviews;
using ExpansionDashboard.Web.Features.Review;
using Microsoft.Extensions.DependencyInjection;
using A = DocumentFormat.OpenXml.Drawing;

namespace ExpansionDashboard.Web.Tests.Features.Review;

/// <summary>The review deck as a PowerPoint file, read back with the Open XML SDK (built in memory, and exported by a real host).</summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class DeckPptxTests
{
    private static readonly DeckView Deck = new(
        DeckView.CurrentVersion, new DateOnly(2026, 11, 23), "2026-11", "2026-Q4", new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero), 7, true,
        [
            new DeckSlide("winning", "Are we winning?", "2026-11 · 2026-Q4", ["nrr", "coverage", "expansion-rate"],
                Kpis:
                [
                    new DeckKpi("nrr-t12m", "Net revenue retention (T12M)", "104.2 %", DeckSeverity.Good, "Strong", "▲ +0.4 pp vs last month", null, Raw: 104.2m),
                    new DeckKpi("expansion-rate-by-segment", "Expansion rate by segment", "2–4 % healthy", DeckSeverity.Watch, null, null, "note",
                        [new DeckBar("SMB", "1.3 %", 1.3m, DeckSeverity.Watch, "Below 2 %", "▼ -0.1 pp vs last month", 2, 4, 6)]),
                ]),
            new DeckSlide("nrr", "Net revenue retention", null, ["nrr", "nrr-bridge"],
                Chart: new DeckChart("Trailing-12-month NRR", "percent", ["2026-09", "2026-10", "2026-11"], [103m, null, 104.2m], [new DeckBand(100, 120, "Strong", DeckSeverity.Good)], 95, 115),
                Tables: [new DeckTable("review-bridge", "Bridge", [new DeckColumn("Cohort"), new DeckColumn("MRR", true)], [[new DeckCell("Churn"), new DeckCell("-$1,200", DeckSeverity.Alert)]])]),
            new DeckSlide("opportunities", "Top 10 expansion opportunities", null, ["weighted-pipeline"],
                Tables: [new DeckTable("review-opportunities", null, [new DeckColumn("Account"), new DeckColumn("Owner")], [[new DeckCell("Granite Partners"), new DeckCell("Mia Johansson", Person: true)]])]),
        ],
        []);

    [Fact]
    public void Build_Deck_OneSlideEachWithTitlesNativeTablesPictureAndNotes()
    {
        var bytes = DeckPptx.Build(Deck, new Dictionary<string, byte[]> { ["nrr"] = Png }, presenter: false);

        using var doc = PresentationDocument.Open(new MemoryStream(bytes), false);
        var slides = Slides(doc);
        Assert.Equal(3, slides.Count);
        Assert.Equal(["Are we winning?", "Net revenue retention", "Top 10 expansion opportunities"], slides.Select(Title));
        Assert.Contains("Mia Johansson", Cells(slides[2]));
        Assert.Contains("■ -$1,200", Cells(slides[1]));
        Assert.Contains("▲ 1.3 %", Cells(slides[0]));
        Assert.Single(slides[1].ImageParts);
        Assert.Contains(Metrics.Retention.NetRevenueRetention.Definition, Notes(slides[0]), StringComparison.Ordinal);
        Assert.Contains(Metrics.Retention.NrrBridge.Definition, Notes(slides[1]), StringComparison.Ordinal);
        Assert.Contains("As of 2026-11 (2026-11-23)", string.Concat(slides[0].Slide.Descendants<A.Text>().Select(t => t.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PresenterWithoutPicture_NamesHiddenChartDrawnAsShapes()
    {
        var bytes = DeckPptx.Build(Deck, new Dictionary<string, byte[]>(), presenter: true);

        using var doc = PresentationDocument.Open(new MemoryStream(bytes), false);
        var slides = Slides(doc);
        Assert.DoesNotContain("Mia Johansson", Cells(slides[2]));
        Assert.Contains("•••", Cells(slides[2]));
        Assert.Empty(slides[1].ImageParts);
        Assert.NotEmpty(slides[1].Slide.Descendants<A.CustomGeometry>());
    }

    [Fact]
    public async Task Export_DemoDeckAndSavedReview_ReadBackWithTheSdk()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true" });
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        using (var refused = await anonymous.GetAsync(ReviewExportEndpoint.Path, ct))
        {
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }

        var viewer = await app.SignedInClientAsync("viewer@demo.local", "Demo-Viewer-2026!");
        using var response = await viewer.GetAsync(ReviewExportEndpoint.Path, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DeckPptx.ContentType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        using (var doc = PresentationDocument.Open(new MemoryStream(bytes), false))
        {
            var slides = Slides(doc);
            Assert.True(slides.Count >= 7, $"{slides.Count} slides");
            Assert.Equal("Are we winning?", Title(slides[0]));
            Assert.Equal("Where: segments", Title(slides[2]));
            Assert.Contains("Enterprise", Cells(slides[2]));
            Assert.Contains(Metrics.Pipeline.PipelineCoverage.Definition, Notes(slides[3]), StringComparison.Ordinal);
        }

        // A saved review: frozen as JSON, reopened exactly, and exported from what was saved.
        var services = app.Services;
        var time = services.GetRequiredService<TimeProvider>();
        var deck = await services.GetRequiredService<ReviewQuery>().GetAsync(DateOnly.FromDateTime(time.GetLocalNow().DateTime), ct);
        var view = DeckBuilder.Build(deck, [], "USD", time.GetLocalNow());
        var json = view.ToJson();
        var store = services.GetRequiredService<SavedReviewStore>();
        var id = await store.SaveAsync(view.Date, json, "admin@demo.local", ct);
        var reopened = await store.GetAsync(id, ct);
        Assert.NotNull(reopened);
        Assert.Equal(json, reopened.Json);
        Assert.Equal(json, DeckView.FromJson(reopened.Json).ToJson());
        Assert.Contains(await store.ListAsync(ct), r => r.Id == id && r.AsOf == view.Date && r.SavedBy == "admin@demo.local");

        using var saved = await viewer.GetAsync($"{ReviewExportEndpoint.Path}?saved={id}", ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains($"-saved-{id}.pptx", saved.Content.Headers.ContentDisposition?.FileName ?? "", StringComparison.Ordinal);
        using (var doc = PresentationDocument.Open(new MemoryStream(await saved.Content.ReadAsByteArrayAsync(ct)), false))
        {
            Assert.Equal(view.Slides.Select(s => s.Title), Slides(doc).Select(Title));
        }

        using var missing = await viewer.GetAsync($"{ReviewExportEndpoint.Path}?saved={id + 1000}", ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static List<SlidePart> Slides(PresentationDocument doc)
    {
        var part = doc.PresentationPart!;
        return part.Presentation.SlideIdList!.Elements<DocumentFormat.OpenXml.Presentation.SlideId>()
            .Select(s => (SlidePart)part.GetPartById(s.RelationshipId!.Value!)).ToList();
    }

    private static string Title(SlidePart slide) =>
        slide.Slide.Descendants<DocumentFormat.OpenXml.Presentation.Shape>()
            .First(s => s.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape?.Type?.Value == DocumentFormat.OpenXml.Presentation.PlaceholderValues.Title)
            .Descendants<A.Run>().First().Text!.Text;

    private static List<string> Cells(SlidePart slide) =>
        slide.Slide.Descendants<A.TableCell>().Select(c => string.Concat(c.Descendants<A.Text>().Select(t => t.Text))).ToList();

    private static string Notes(SlidePart slide) => string.Join("\n", slide.NotesSlidePart!.NotesSlide.Descendants<A.Text>().Select(t => t.Text));

    // A 1x1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
