using ExpansionDashboard.Metrics.Health;

namespace ExpansionDashboard.Web.Features.Accounts;

public partial class Accounts
{
    // The grid's columns by the slug the URL names them with (?sort=mrr&dir=desc).
    private static readonly Dictionary<string, string> ColumnBySlug = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = nameof(AccountRow.Name),
        ["segment"] = nameof(AccountRow.Segment),
        ["industry"] = nameof(AccountRow.Industry),
        ["region"] = nameof(AccountRow.Region),
        ["csm"] = nameof(AccountRow.Csm),
        ["mrr"] = nameof(AccountRow.Mrr),
        ["change"] = nameof(AccountRow.Change),
        ["health"] = nameof(AccountRow.Health),
    };

    private IReadOnlyList<AccountRow>? _rows;
    private string _search = "";

    /// <summary>The search box, in the URL so a shared link shows the same list.</summary>
    [SupplyParameterFromQuery(Name = "q")]
    private string? SearchParam { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    private string? SortParam { get; set; }

    [SupplyParameterFromQuery(Name = "dir")]
    private string? DirParam { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _search = SearchParam ?? "";
        await base.OnParametersSetAsync();
    }

    protected override async Task LoadAsync() => _rows = await Query.AccountsAsync(FilterOrNull, AsOf);

    private SortDirection Initial(string slug) =>
        !string.Equals(slug, SortParam, StringComparison.OrdinalIgnoreCase) ? SortDirection.None
        : string.Equals(DirParam, "desc", StringComparison.OrdinalIgnoreCase) ? SortDirection.Descending
        : SortDirection.Ascending;

    // Replace, not push: typing a name should not leave one history entry per keystroke.
    private void SearchChanged(string? value)
    {
        _search = value ?? "";
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("q", string.IsNullOrWhiteSpace(value) ? null : value), replace: true);
    }

    private void SortChanged(Dictionary<string, SortDefinition<AccountRow>> sorts)
    {
        var sort = sorts.Values.OrderBy(d => d.Index).FirstOrDefault();
        var slug = sort is null ? null : ColumnBySlug.FirstOrDefault(kv => kv.Value == sort.SortBy).Key;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["sort"] = slug,
            ["dir"] = slug is null ? null : sort!.Descending ? "desc" : "asc",
        }), replace: true);
    }

    private static string HealthClass(HealthBand? band) => band switch
    {
        HealthBand.Green => "strong",
        HealthBand.Yellow => "needsimprovement",
        _ => "critical",
    };

    // A shape beside the colour for colour-blind readers.
    private static string HealthShape(HealthBand? band) => band switch
    {
        HealthBand.Green => "●",
        HealthBand.Yellow => "▲",
        _ => "■",
    };

    private bool QuickFilter(AccountRow row) =>
        string.IsNullOrWhiteSpace(_search) ||
        row.Name.Contains(_search, StringComparison.OrdinalIgnoreCase) ||
        row.Id.Contains(_search, StringComparison.OrdinalIgnoreCase) ||
        row.Csm.Contains(_search, StringComparison.OrdinalIgnoreCase);
}
