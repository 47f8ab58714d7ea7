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

    private IEnumerable<(string Name, string Label, string? Value, IReadOnlyList<string> Values)> Fields =>
    [
        (nameof(Segment), "Segment", Segment, Options.Segments),
        (nameof(Industry), "Industry", Industry, Options.Industries),
        (nameof(Region), "Region", Region, Options.Regions),
        (nameof(Csm), "CSM", Csm, Options.Csms),
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
