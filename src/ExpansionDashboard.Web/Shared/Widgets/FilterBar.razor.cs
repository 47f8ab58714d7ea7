namespace ExpansionDashboard.Web.Shared.Widgets;

public partial class FilterBar
{
    [Parameter, EditorRequired]
    public DashboardFilterOptions Options { get; set; } = default!;

    [Parameter]
    public string? Month { get; set; }

    /// <summary>False on pages that always show the latest month.</summary>
    [Parameter]
    public bool ShowMonth { get; set; } = true;

    /// <summary>
    /// The account fields this page can split by. A filter it cannot apply stays in the URL (the menu carries it to the
    /// next page) and is named as "not applied here" rather than silently dropped.
    /// </summary>
    [Parameter]
    public FilterFields Fields { get; set; } = FilterFields.All;

    [Parameter]
    public string? Segment { get; set; }

    [Parameter]
    public string? Industry { get; set; }

    [Parameter]
    public string? Region { get; set; }

    [Parameter]
    public string? Csm { get; set; }

    /// <summary>Receives the query-string name ("month", "segment", …) and the new value (null to clear).</summary>
    [Parameter]
    public EventCallback<IReadOnlyDictionary<string, object?>> OnChange { get; set; }

    private bool HasAny => Month is not null || Segment is not null || Industry is not null || Region is not null || Csm is not null;

    private IEnumerable<(string Name, string Label, string? Value, IReadOnlyList<string> Values, FilterFields Field)> AllFields =>
    [
        (nameof(Segment), "Segment", Segment, Options.Segments, FilterFields.Segment),
        (nameof(Industry), "Industry", Industry, Options.Industries, FilterFields.Industry),
        (nameof(Region), "Region", Region, Options.Regions, FilterFields.Region),
        (nameof(Csm), "CSM", Csm, Options.Csms, FilterFields.Csm),
    ];

    private IEnumerable<(string Name, string Label, string? Value, IReadOnlyList<string> Values)> Shown =>
        AllFields.Where(f => Fields.HasFlag(f.Field)).Select(f => (f.Name, f.Label, f.Value, f.Values));

    private List<string> Ignored =>
    [
        .. AllFields.Where(f => f.Value is not null && !Fields.HasFlag(f.Field)).Select(f => $"{f.Label} {f.Value}"),
        .. !ShowMonth && Month is not null ? [$"as of {Month}"] : Array.Empty<string>(),
    ];

    private Task ChangeAsync(string name, string? value) =>
        OnChange.InvokeAsync(new Dictionary<string, object?> { [name.ToLowerInvariant()] = string.IsNullOrEmpty(value) ? null : value });

    private Task ClearAsync() => OnChange.InvokeAsync(new Dictionary<string, object?>
    {
        ["month"] = null,
        ["segment"] = null,
        ["industry"] = null,
        ["region"] = null,
        ["csm"] = null,
    });
}

/// <summary>The account fields a page's filter bar offers.</summary>
[Flags]
public enum FilterFields
{
    None = 0,
    Segment = 1,
    Industry = 2,
    Region = 4,
    Csm = 8,
    All = Segment | Industry | Region | Csm,
}
