using ExpansionDashboard.Data.Import;

namespace ExpansionDashboard.Web.Features.Admin.Import;

/// <summary>Progress of the imports under way: rows, rate and time left, or what a queued import waits behind.</summary>
public sealed partial class ImportActivityPanel
{
    [Parameter, EditorRequired]
    public ImportActivitySnapshot Activity { get; set; } = ImportActivitySnapshot.Idle;

    /// <summary>The progress object the page gave its own commit: that import is shown first, as the admin's.</summary>
    [Parameter]
    public object? Owner { get; set; }

    private IEnumerable<(ImportActivityItem Item, bool Mine)> Items
    {
        get
        {
            var all = new[] { Activity.Running }.OfType<ImportActivityItem>().Concat(Activity.Queued).Concat(Activity.Others).ToList();
            return all.Where(i => i.IsFor(Owner)).Select(i => (i, true)).Concat(all.Where(i => !i.IsFor(Owner)).Select(i => (i, false)));
        }
    }

    /// <summary>"Your import of mrr.csv (mrr)", "ana@…'s revert of batch #7".</summary>
    public static string Title(ImportActivityItem item, bool mine)
    {
        ArgumentNullException.ThrowIfNull(item);
        var who = mine ? "Your" : $"{item.User}'s";
        return item.Kind == ImportActivity.RevertKind ? $"{who} revert of {item.FileName}" : $"{who} import of {item.FileName} ({item.Kind})";
    }

    /// <summary>"Writing batch #12", "Reading and checking the file", "Reverting batch #7", …</summary>
    public static string PhaseText(ImportActivityItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Kind == ImportActivity.RevertKind && item.Phase != ImportPhase.Waiting)
        {
            return $"Reverting batch #{item.BatchId}";
        }

        return item.Phase switch
        {
            ImportPhase.Reading => "Reading and checking the file",
            ImportPhase.Waiting => "Queued for the write lock",
            ImportPhase.Writing => item.BatchId is { } id ? $"Writing batch #{id}" : "Comparing with the stored rows",
            _ => item.BatchId is { } b ? $"Saving batch #{b}" : "Saving the batch",
        };
    }

    /// <summary>"412,000 of 1,000,000 rows · 98,000 rows/s · about 6 s left"; while reading, the rows so far and the share of the file; for a revert, what it does.</summary>
    public static string Stats(ImportActivityItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Kind == ImportActivity.RevertKind)
        {
            // One set-based statement per table: there are no rows to count while it runs.
            return "Putting back the values it replaced and removing the rows it added";
        }

        var culture = CultureInfo.CurrentCulture;
        var parts = new List<string>
        {
            item.Phase == ImportPhase.Reading || item.RowsTotal is null
                ? $"{item.RowsDone.ToString("N0", culture)} rows read"
                : $"{item.RowsDone.ToString("N0", culture)} of {item.RowsTotal.Value.ToString("N0", culture)} rows",
        };
        if (item.RowsPerSecond is { } rate)
        {
            parts.Add($"{Rounded(rate).ToString("N0", culture)} rows/s");
        }

        if (item.Phase == ImportPhase.Reading && item.Fraction is { } f)
        {
            parts.Add($"{f.ToString("P0", culture)} of the file");
        }

        if (item.SecondsLeft is { } left)
        {
            parts.Add(Left(left));
        }

        return string.Join(" · ", parts);
    }

    /// <summary>"Queued behind batch 12 (mrr.csv by admin@…)", with the place in the queue when others are ahead.</summary>
    public static string QueuedText(ImportActivityItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = $"Queued behind {item.Behind ?? "another write"}";
        return item.Position is > 1 and var p ? $"{text}, {p - 1} more ahead" : text;
    }

    /// <summary>"about 6 s left", "about 3 min left"; a figure that only looks precise is rounded.</summary>
    public static string Left(double seconds) => seconds switch
    {
        < 1 => "less than a second left",
        < 90 => $"about {Math.Ceiling(seconds).ToString("N0", CultureInfo.CurrentCulture)} s left",
        < 5400 => $"about {Math.Round(seconds / 60).ToString("N0", CultureInfo.CurrentCulture)} min left",
        _ => $"about {(seconds / 3600).ToString("N1", CultureInfo.CurrentCulture)} h left",
    };

    /// <summary>Two significant figures: 98,000 rows/s, not 98,347.2.</summary>
    private static double Rounded(double rate)
    {
        if (rate < 100)
        {
            return Math.Round(rate);
        }

        var scale = Math.Pow(10, Math.Floor(Math.Log10(rate)) - 1);
        return Math.Round(rate / scale) * scale;
    }
}
