using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using ExpansionDashboard.Metrics.Catalogue;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace ExpansionDashboard.Web.Features.Review;

/// <summary>
/// The review deck as a PowerPoint file, from the same <see cref="DeckView"/> the page shows: one slide per deck slide,
/// KPI cards as text, tables as native PowerPoint tables, each chart as the picture the browser drew (or, without one, the
/// same line drawn as a PowerPoint shape), and speaker notes with each figure's definition from the metric catalogue.
/// </summary>
public static class DeckPptx
{
    public const long MaxImageBytes = 8 * 1024 * 1024;
    public const string ContentType = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    private const long SlideWidth = 12192000;
    private const long SlideHeight = 6858000;
    private const long Margin = 380000;
    private const long BodyTop = 1150000;
    private const long BodyBottom = SlideHeight - 520000;

    public static string FileName(DeckView view, long? savedId)
    {
        ArgumentNullException.ThrowIfNull(view);
        return string.Create(CultureInfo.InvariantCulture, $"weekly-review-{view.Date:yyyy-MM-dd}{(savedId is { } id ? $"-saved-{id}" : "")}.pptx");
    }

    /// <param name="images">PNG bytes of each drawn chart, by slide id.</param>
    /// <param name="presenter">Hide people's names, as the page does in presenter mode.</param>
    public static byte[] Build(DeckView view, IReadOnlyDictionary<string, byte[]> images, bool presenter)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(images);
        using var stream = new MemoryStream();
        using (var doc = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentationPart = doc.AddPresentationPart();
            presentationPart.Presentation = new P.Presentation();
            var (master, layout) = AddMaster(presentationPart);
            var notesMaster = AddNotesMaster(presentationPart);
            var ids = new P.SlideIdList();
            uint nextId = 256;
            var footer = $"As of {view.Month} ({view.Date:yyyy-MM-dd}) · last refreshed {view.RefreshedAt:yyyy-MM-dd HH:mm}";
            foreach (var slide in view.Slides)
            {
                var part = presentationPart.AddNewPart<SlidePart>();
                part.AddPart(layout);
                part.Slide = BuildSlide(part, slide, images.GetValueOrDefault(slide.Id), presenter, footer);
                AddNotes(part, notesMaster, slide);
                ids.Append(new P.SlideId { Id = nextId++, RelationshipId = presentationPart.GetIdOfPart(part) });
            }

            presentationPart.Presentation.Append(
                new P.SlideMasterIdList(new P.SlideMasterId { Id = 2147483648U, RelationshipId = presentationPart.GetIdOfPart(master) }),
                new P.NotesMasterIdList(new P.NotesMasterId { Id = presentationPart.GetIdOfPart(notesMaster) }),
                ids,
                new P.SlideSize { Cx = (int)SlideWidth, Cy = (int)SlideHeight },
                new P.NotesSize { Cx = 6858000, Cy = 9144000 },
                new P.DefaultTextStyle());
            presentationPart.Presentation.Save();
        }

        return stream.ToArray();
    }

    /// <summary>The definitions of a slide's figures, for the speaker notes.</summary>
    public static string NotesText(DeckSlide slide)
    {
        ArgumentNullException.ThrowIfNull(slide);
        var lines = slide.MetricIds
            .Select(id => MetricCatalogue.All.FirstOrDefault(m => m.Id == id))
            .Where(m => m is not null)
            .Select(m => $"{m!.Name} ({m.Unit}): {m.Definition}")
            .ToList();
        return lines.Count == 0 ? $"{slide.Title}: the alerts open on the day, from the stored alert rules." : string.Join("\n", lines);
    }

    private static P.Slide BuildSlide(SlidePart part, DeckSlide slide, byte[]? image, bool presenter, string footer)
    {
        var tree = NewTree();
        uint id = 2;
        tree.Append(TextShape(id++, "Title", Margin, 250000, SlideWidth - (2 * Margin), 800000, [Run(slide.Title, 3600, bold: true), .. slide.Subtitle is null ? Array.Empty<A.Run>() : [Run("  " + slide.Subtitle, 2000)]], title: true));

        var top = BodyTop;
        var left = Margin;
        var width = SlideWidth - (2 * Margin);
        if (slide.Kpis is { Count: > 0 } kpis)
        {
            var kpiHeight = slide.Tables is { Count: > 0 } ? 2000000L : BodyBottom - top - (slide.Legend is null ? 0 : 500000);
            var cards = kpis.Count;
            var cardWidth = slide.Tables is { Count: > 0 } ? width / 3 : (width - ((cards - 1) * 200000)) / cards;
            for (var i = 0; i < cards; i++)
            {
                var k = kpis[i];
                var x = left + (i * (cardWidth + 200000));
                if (k.Bars is { Count: > 0 } bars)
                {
                    tree.Append(TextShape(id++, k.Label, x, top, cardWidth, 500000, [Run(k.Label, 2000, bold: true)]));
                    var rows = bars.Select(b => (IReadOnlyList<DeckCell>)[new DeckCell(b.Label), new DeckCell(b.Value, b.Severity), new DeckCell(b.Band ?? "–"), new DeckCell(b.Change ?? "")]).ToList();
                    tree.Append(Table(id++, new DeckTable("bars", null, [new DeckColumn("Segment"), new DeckColumn("Rate", true), new DeckColumn("Band"), new DeckColumn("Change")], rows), x, top + 550000, cardWidth, presenter, 1600));
                    tree.Append(TextShape(id++, "Note", x, top + kpiHeight - 500000, cardWidth, 500000, [Run(k.Value + " · " + k.Note, 1400)]));
                }
                else
                {
                    var paragraphs = new List<A.Run[]>
                    {
                        new[] { Run(k.Label, 2000, bold: true) },
                        new[] { Run(k.Value, 6000, bold: true) },
                        new[] { Run($"{DeckSeverity.Shape(k.Severity)} {k.Band ?? DeckSeverity.Word(k.Severity)}", 2400, bold: true, colour: DeckSeverity.Colour(k.Severity)) },
                    };
                    if (k.Change is not null)
                    {
                        paragraphs.Add([Run(k.Change, 1800)]);
                    }

                    if (k.Note is not null)
                    {
                        paragraphs.Add([Run(k.Note, 1400)]);
                    }

                    tree.Append(Card(id++, k.Label, x, top, cardWidth, kpiHeight, paragraphs, DeckSeverity.Colour(k.Severity)));
                }
            }

            if (slide.Tables is { Count: > 0 })
            {
                left += cardWidth + 300000;
                width -= cardWidth + 300000;
            }
            else
            {
                top += kpiHeight;
            }
        }

        if (slide.Chart is { } chart)
        {
            var chartWidth = slide.Tables is { Count: > 0 } ? width * 58 / 100 : width;
            var chartHeight = chartWidth * (long)DeckChartLayout.Height / (long)DeckChartLayout.Width;
            if (image is { Length: > 0 })
            {
                var imagePart = part.AddImagePart(ImagePartType.Png);
                using (var png = new MemoryStream(image))
                {
                    imagePart.FeedData(png);
                }

                tree.Append(Picture(id++, chart.Title, part.GetIdOfPart(imagePart), left, top, chartWidth, chartHeight));
            }
            else
            {
                foreach (var shape in ChartShapes(chart, ref id, left, top, chartWidth, chartHeight))
                {
                    tree.Append(shape);
                }
            }

            left += chartWidth + 250000;
            width -= chartWidth + 250000;
        }

        if (slide.Tables is { Count: > 0 } tables)
        {
            var y = top;
            foreach (var t in tables)
            {
                if (t.Title is not null)
                {
                    tree.Append(TextShape(id++, t.Title, left, y, width, 450000, [Run(t.Title, 2000, bold: true)]));
                    y += 450000;
                }

                var size = t.Rows.Count > 8 || t.Columns.Count > 6 ? 1400 : 1800;
                tree.Append(Table(id++, t, left, y, width, presenter, size));
                y += (t.Rows.Count + 1) * RowHeight(size) + 250000;
            }
        }

        if (slide.Empty is not null)
        {
            tree.Append(TextShape(id++, "Empty", Margin, top, SlideWidth - (2 * Margin), 900000, [Run(slide.Empty, 2800)]));
        }

        if (slide.Legend is not null)
        {
            tree.Append(TextShape(id++, "Legend", Margin, BodyBottom - 450000, SlideWidth - (2 * Margin), 450000, [Run(slide.Legend, 1400)]));
        }

        tree.Append(TextShape(id, "Footer", Margin, SlideHeight - 480000, SlideWidth - (2 * Margin), 400000, [Run(footer, 1200)]));
        return new P.Slide(new P.CommonSlideData(tree), new P.ColorMapOverride(new A.MasterColorMapping()));
    }

    private static void AddNotes(SlidePart part, NotesMasterPart master, DeckSlide slide)
    {
        var notes = part.AddNewPart<NotesSlidePart>();
        notes.AddPart(master);
        var tree = NewTree();
        tree.Append(new P.Shape(
            new P.NonVisualShapeProperties(
                new P.NonVisualDrawingProperties { Id = 2U, Name = "Notes" },
                new P.NonVisualShapeDrawingProperties(new A.ShapeLocks { NoGrouping = true }),
                new P.ApplicationNonVisualDrawingProperties(new P.PlaceholderShape { Type = P.PlaceholderValues.Body, Index = 1U })),
            new P.ShapeProperties(),
            new P.TextBody(new OpenXmlElement[] { new A.BodyProperties(), new A.ListStyle() }.Concat(
                NotesText(slide).Split('\n').Select(line => new A.Paragraph(new A.Run(new A.RunProperties { Language = "en-GB" }, new A.Text(line))))))));
        notes.NotesSlide = new P.NotesSlide(new P.CommonSlideData(tree), new P.ColorMapOverride(new A.MasterColorMapping()));
    }

    private static P.ShapeTree NewTree() => new(
        new P.NonVisualGroupShapeProperties(new P.NonVisualDrawingProperties { Id = 1U, Name = "" }, new P.NonVisualGroupShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
        new P.GroupShapeProperties(new A.TransformGroup()));

    private static A.Run Run(string text, int size, bool bold = false, string? colour = null)
    {
        var props = new A.RunProperties { Language = "en-GB", FontSize = size, Bold = bold, Dirty = false };
        props.Append(new A.SolidFill(new A.RgbColorModelHex { Val = colour ?? "000000" }));
        return new A.Run(props, new A.Text(text));
    }

    private static A.Transform2D Xfrm(long x, long y, long cx, long cy) => new(new A.Offset { X = x, Y = y }, new A.Extents { Cx = cx, Cy = cy });

    private static P.Shape TextShape(uint id, string name, long x, long y, long cx, long cy, IEnumerable<A.Run> runs, bool title = false) =>
        Card(id, name, x, y, cx, cy, [runs.ToArray()], null, title);

    private static P.Shape Card(uint id, string name, long x, long y, long cx, long cy, IEnumerable<A.Run[]> paragraphs, string? border, bool title = false)
    {
        var app = title ? new P.ApplicationNonVisualDrawingProperties(new P.PlaceholderShape { Type = P.PlaceholderValues.Title }) : new P.ApplicationNonVisualDrawingProperties();
        var spPr = new P.ShapeProperties(Xfrm(x, y, cx, cy), new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle });
        if (border is not null)
        {
            spPr.Append(new A.NoFill(), new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = border })) { Width = 57150 });
        }

        return new P.Shape(
            new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = id, Name = name }, new P.NonVisualShapeDrawingProperties(new A.ShapeLocks { NoGrouping = true }), app),
            spPr,
            new P.TextBody(new OpenXmlElement[] { new A.BodyProperties { Wrap = A.TextWrappingValues.Square, LeftInset = 91440, RightInset = 91440 }, new A.ListStyle() }.Concat(
                paragraphs.Select(p => new A.Paragraph(p.Cast<OpenXmlElement>())))));
    }

    private static P.Picture Picture(uint id, string name, string relationshipId, long x, long y, long cx, long cy) => new(
        new P.NonVisualPictureProperties(
            new P.NonVisualDrawingProperties { Id = id, Name = name, Description = name },
            new P.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true }),
            new P.ApplicationNonVisualDrawingProperties()),
        new P.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
        new P.ShapeProperties(Xfrm(x, y, cx, cy), new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));

    private static long RowHeight(int size) => size * 12700L * 19 / 10;

    private static P.GraphicFrame Table(uint id, DeckTable t, long x, long y, long cx, bool presenter, int size)
    {
        var grid = new A.TableGrid();
        var column = cx / Math.Max(1, t.Columns.Count);
        foreach (var _ in t.Columns)
        {
            grid.Append(new A.GridColumn { Width = column });
        }

        var table = new A.Table(new A.TableProperties { FirstRow = true, BandRow = false }, grid);
        table.Append(Row(t.Columns.Select(c => new DeckCell(c.Header)).ToList(), t.Columns, size, header: true, presenter));
        foreach (var r in t.Rows)
        {
            table.Append(Row(r, t.Columns, size, header: false, presenter));
        }

        return new P.GraphicFrame(
            new P.NonVisualGraphicFrameProperties(new P.NonVisualDrawingProperties { Id = id, Name = t.TestId }, new P.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoGrouping = true }), new P.ApplicationNonVisualDrawingProperties()),
            new P.Transform(new A.Offset { X = x, Y = y }, new A.Extents { Cx = cx, Cy = (t.Rows.Count + 1) * RowHeight(size) }),
            new A.Graphic(new A.GraphicData(table) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/table" }));
    }

    private static A.TableRow Row(IReadOnlyList<DeckCell> cells, IReadOnlyList<DeckColumn> columns, int size, bool header, bool presenter)
    {
        var row = new A.TableRow { Height = RowHeight(size) };
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            var text = c.Person && presenter ? "•••" : c.Severity is DeckSeverity.Good or DeckSeverity.Watch or DeckSeverity.Alert ? $"{DeckSeverity.Shape(c.Severity)} {c.Text}" : c.Text;
            var numeric = i < columns.Count && columns[i].Numeric;
            var paragraph = new A.Paragraph(new A.ParagraphProperties { Alignment = numeric ? A.TextAlignmentTypeValues.Right : A.TextAlignmentTypeValues.Left },
                Run(text, size, bold: header || c.Severity is not null, colour: c.Severity is { } s && s != DeckSeverity.None ? Dark(s) : null));
            var props = new A.TableCellProperties();
            props.Append(new A.BottomBorderLineProperties(new A.SolidFill(new A.RgbColorModelHex { Val = header ? "000000" : "7F7F7F" })) { Width = header ? 28575 : 9525 });
            row.Append(new A.TableCell(new A.TextBody(new A.BodyProperties(), new A.ListStyle(), paragraph), props));
        }

        return row;
    }

    /// <summary>Severity text on white needs the darker tone of the yellow to be legible.</summary>
    private static string Dark(string severity) => severity == DeckSeverity.Watch ? "8A6A00" : DeckSeverity.Colour(severity);

    /// <summary>Without a drawn picture (the file fetched by URL), the chart as PowerPoint shapes: bands, grid labels and the line.</summary>
    private static List<OpenXmlElement> ChartShapes(DeckChart chart, ref uint id, long x, long y, long cx, long cy)
    {
        var l = new DeckChartLayout(chart);
        var sx = cx / DeckChartLayout.Width;
        var sy = cy / DeckChartLayout.Height;
        long X(double v) => x + (long)(v * sx);
        long Y(double v) => y + (long)(v * sy);
        var shapes = new List<OpenXmlElement>();
        foreach (var b in chart.Bands)
        {
            var top = l.Y((double)b.To);
            var bottom = l.Y((double)b.From);
            var rect = Card(id++, b.Label, X(DeckChartLayout.Left), Y(top), X(DeckChartLayout.PlotRight) - X(DeckChartLayout.Left), Math.Max(1, Y(bottom) - Y(top)), [[Run("", 1000)]], null);
            rect.ShapeProperties!.Append(new A.SolidFill(new A.RgbColorModelHex(new A.Alpha { Val = 16000 }) { Val = DeckSeverity.Colour(b.Severity) }));
            shapes.Add(rect);
        }

        foreach (var (band, at) in l.BandLabels)
        {
            shapes.Add(TextShape(id++, band.Label, X(DeckChartLayout.PlotRight + 6), Y(at - 16), X(DeckChartLayout.Width) - X(DeckChartLayout.PlotRight + 6), (long)(32 * sy), [Run($"{DeckSeverity.Shape(band.Severity)} {band.Label}", 1400)]));
        }

        foreach (var t in l.Ticks)
        {
            shapes.Add(TextShape(id++, "Tick", x, Y(l.Y(t) - 16), X(DeckChartLayout.Left - 4) - x, (long)(32 * sy), [Run(l.Tick(t), 1400)]));
        }

        foreach (var (px, text) in l.XLabels)
        {
            shapes.Add(TextShape(id++, "Month", X(px - 50), Y(DeckChartLayout.PlotBottom + 6), (long)(100 * sx), (long)(34 * sy), [Run(text, 1400)]));
        }

        var points = l.Points.Where(p => p is not null).Select(p => p!.Value).ToList();
        if (points.Count > 1)
        {
            var minX = points.Min(p => p.X);
            var maxX = points.Max(p => p.X);
            var minY = points.Min(p => p.Y);
            var maxY = Math.Max(points.Max(p => p.Y), minY + 1);
            var w = (long)((maxX - minX) * sx);
            var h = (long)((maxY - minY) * sy);
            var path = new A.Path { Width = w, Height = h };
            path.Append(new A.MoveTo(new A.Point { X = "0", Y = Emu((points[0].Y - minY) * sy) }));
            foreach (var p in points.Skip(1))
            {
                path.Append(new A.LineTo(new A.Point { X = Emu((p.X - minX) * sx), Y = Emu((p.Y - minY) * sy) }));
            }

            var geometry = new A.CustomGeometry(new A.AdjustValueList(), new A.ShapeGuideList(), new A.AdjustHandleList(), new A.ConnectionSiteList(),
                new A.Rectangle { Left = "0", Top = "0", Right = "r", Bottom = "b" }, new A.PathList(path));
            shapes.Add(new P.Shape(
                new P.NonVisualShapeProperties(new P.NonVisualDrawingProperties { Id = id++, Name = chart.Title }, new P.NonVisualShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
                new P.ShapeProperties(Xfrm(X(minX), Y(minY), w, h), geometry, new A.NoFill(), new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = "000000" })) { Width = 38100 })));
        }

        return shapes;
    }

    private static string Emu(double v) => ((long)v).ToString(CultureInfo.InvariantCulture);

    private static (SlideMasterPart Master, SlideLayoutPart Layout) AddMaster(PresentationPart presentationPart)
    {
        var master = presentationPart.AddNewPart<SlideMasterPart>();
        var layout = master.AddNewPart<SlideLayoutPart>();
        layout.SlideLayout = new P.SlideLayout(new P.CommonSlideData(NewTree()) { Name = "Blank" }, new P.ColorMapOverride(new A.MasterColorMapping())) { Type = P.SlideLayoutValues.Blank };
        var theme = master.AddNewPart<ThemePart>();
        theme.Theme = Theme();
        master.SlideMaster = new P.SlideMaster(
            new P.CommonSlideData(NewTree()),
            ColorMap(),
            new P.SlideLayoutIdList(new P.SlideLayoutId { Id = 2147483649U, RelationshipId = master.GetIdOfPart(layout) }),
            new P.TextStyles(new P.TitleStyle(), new P.BodyStyle(), new P.OtherStyle()));
        return (master, layout);
    }

    private static NotesMasterPart AddNotesMaster(PresentationPart presentationPart)
    {
        var notesMaster = presentationPart.AddNewPart<NotesMasterPart>();
        var theme = notesMaster.AddNewPart<ThemePart>();
        theme.Theme = Theme();
        notesMaster.NotesMaster = new P.NotesMaster(
            new P.CommonSlideData(NewTree()),
            ColorMap());
        return notesMaster;
    }

    // The identity mapping of the theme's colour slots; the slide master and the notes master each need their own element.
    private static P.ColorMap ColorMap() => new()
    {
        Background1 = A.ColorSchemeIndexValues.Light1, Text1 = A.ColorSchemeIndexValues.Dark1, Background2 = A.ColorSchemeIndexValues.Light2, Text2 = A.ColorSchemeIndexValues.Dark2,
        Accent1 = A.ColorSchemeIndexValues.Accent1, Accent2 = A.ColorSchemeIndexValues.Accent2, Accent3 = A.ColorSchemeIndexValues.Accent3, Accent4 = A.ColorSchemeIndexValues.Accent4,
        Accent5 = A.ColorSchemeIndexValues.Accent5, Accent6 = A.ColorSchemeIndexValues.Accent6, Hyperlink = A.ColorSchemeIndexValues.Hyperlink, FollowedHyperlink = A.ColorSchemeIndexValues.FollowedHyperlink,
    };

    private static A.Theme Theme()
    {
        static A.SolidFill Fill(string hex) => new(new A.RgbColorModelHex { Val = hex });
        var colours = new A.ColorScheme(
            new A.Dark1Color(new A.RgbColorModelHex { Val = "000000" }), new A.Light1Color(new A.RgbColorModelHex { Val = "FFFFFF" }),
            new A.Dark2Color(new A.RgbColorModelHex { Val = "1F1F1F" }), new A.Light2Color(new A.RgbColorModelHex { Val = "EEEEEE" }),
            new A.Accent1Color(new A.RgbColorModelHex { Val = "004488" }), new A.Accent2Color(new A.RgbColorModelHex { Val = "DDAA33" }),
            new A.Accent3Color(new A.RgbColorModelHex { Val = "BB5566" }), new A.Accent4Color(new A.RgbColorModelHex { Val = "0B3D91" }),
            new A.Accent5Color(new A.RgbColorModelHex { Val = "595959" }), new A.Accent6Color(new A.RgbColorModelHex { Val = "7F7F7F" }),
            new A.Hyperlink(new A.RgbColorModelHex { Val = "0B3D91" }), new A.FollowedHyperlinkColor(new A.RgbColorModelHex { Val = "5B2C91" }))
        { Name = "Review" };
        var fonts = new A.FontScheme(
            new A.MajorFont(new A.LatinFont { Typeface = "Calibri" }, new A.EastAsianFont { Typeface = "" }, new A.ComplexScriptFont { Typeface = "" }),
            new A.MinorFont(new A.LatinFont { Typeface = "Calibri" }, new A.EastAsianFont { Typeface = "" }, new A.ComplexScriptFont { Typeface = "" }))
        { Name = "Review" };
        var line = new A.Outline(Fill("000000")) { Width = 9525 };
        var formats = new A.FormatScheme(
            new A.FillStyleList(Fill("FFFFFF"), Fill("EEEEEE"), Fill("DDDDDD")),
            new A.LineStyleList((A.Outline)line.CloneNode(true), (A.Outline)line.CloneNode(true), (A.Outline)line.CloneNode(true)),
            new A.EffectStyleList(new A.EffectStyle(new A.EffectList()), new A.EffectStyle(new A.EffectList()), new A.EffectStyle(new A.EffectList())),
            new A.BackgroundFillStyleList(Fill("FFFFFF"), Fill("EEEEEE"), Fill("DDDDDD")))
        { Name = "Review" };
        return new A.Theme(new A.ThemeElements(colours, fonts, formats)) { Name = "Review" };
    }
}
