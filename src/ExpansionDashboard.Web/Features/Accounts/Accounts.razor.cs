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

    private static readonly Dictionary<string, Func<AccountRow, object?>> KeyByColumn = new(StringComparer.Ordinal)
    {
        [nameof(AccountRow.Name)] = r => r.Name,
        [nameof(AccountRow.Segment)] = r => r.Segment,
        [nameof(AccountRow.Industry)] = r => r.Industry,
        [nameof(AccountRow.Region)] = r => r.Region,
        [nameof(AccountRow.Csm)] = r => r.Csm,
        [nameof(AccountRow.Mrr)] = r => r.Mrr,
        [nameof(AccountRow.Change)] = r => r.Change,
        [nameof(AccountRow.Health)] = r => r.Health,
    };

    private IReadOnlyList<AccountRow>? _rows;
    private MudDataGrid<AccountRow>? _grid;
    private string? _appliedSort;
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

    // The rows in the URL's order, so a shared or reloaded link shows the same list even before the grid's own sort
    // state is set; once a user sorts, the grid sorts these the same way.
    private IReadOnlyList<AccountRow>? SortedRows
    {
        get
        {
            if (_rows is null || SortParam is null || !ColumnBySlug.TryGetValue(SortParam, out var column))
            {
                return _rows;
            }

            var key = KeyByColumn[column];
            var comparer = Comparer<object?>.Create((a, b) => a is string x && b is string y ? string.CompareOrdinal(x, y) : Comparer<object?>.Default.Compare(a, b));
            return string.Equals(DirParam, "desc", StringComparison.OrdinalIgnoreCase)
                ? _rows.OrderByDescending(key, comparer).ToList()
                : _rows.OrderBy(key, comparer).ToList();
        }
    }

    // The grid's InitialDirection is read once, before the rows arrive; the URL's sort is applied to the grid itself
    // once it has rows, and again when a link changes it.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await base.OnAfterRenderAsync(firstRender);
        var wanted = SortParam is not null && ColumnBySlug.ContainsKey(SortParam) ? $"{SortParam}:{DirParam}".ToLowerInvariant() : null;
        if (_grid is null || _rows is null || wanted is null || wanted == _appliedSort)
        {
            return;
        }

        _appliedSort = wanted;
        var column = ColumnBySlug[SortParam!];
        var direction = string.Equals(DirParam, "desc", StringComparison.OrdinalIgnoreCase) ? SortDirection.Descending : SortDirection.Ascending;
        await _grid.SetSortAsync(column, direction, KeyByColumn[column]);
    }

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
        var dir = slug is null ? null : sort!.Descending ? "desc" : "asc";
        _appliedSort = slug is null ? null : $"{slug}:{dir}";
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["sort"] = slug,
            ["dir"] = dir,
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
