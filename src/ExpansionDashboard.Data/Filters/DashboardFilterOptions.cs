
namespace ExpansionDashboard.Data.Filters;

/// <summary>The values each filter can take, for the filter bar.</summary>
public sealed record DashboardFilterOptions(IReadOnlyList<string> Months, IReadOnlyList<string> Segments, IReadOnlyList<string> Industries, IReadOnlyList<string> Regions, IReadOnlyList<string> Csms);
