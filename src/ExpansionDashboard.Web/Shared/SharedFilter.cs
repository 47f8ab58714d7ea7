using Microsoft.AspNetCore.WebUtilities;

namespace ExpansionDashboard.Web.Shared;

/// <summary>
/// The filter every dashboard page shares (as-of month, segment, industry, region, CSM) as it stands in the URL, so the
/// menu can carry it from page to page: a leader who picks SMB on the Overview still sees SMB on Retention.
/// </summary>
public static class SharedFilter
{
    /// <summary>The query-string names of the shared filter, in the order they are written.</summary>
    public static IReadOnlyList<string> Names { get; } = ["month", "segment", "industry", "region", "csm"];

    /// <summary>The shared filter's part of <paramref name="uri"/> as a query string ("?segment=SMB&amp;month=2026-06"), or "".</summary>
    public static string QueryOf(string uri)
    {
        var q = uri.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return "";
        }

        var hash = uri.IndexOf('#', q);
        var query = QueryHelpers.ParseQuery(hash < 0 ? uri[q..] : uri[q..hash]);
        var kept = Names
            .Where(n => query.TryGetValue(n, out var v) && !string.IsNullOrWhiteSpace(v.ToString()))
            .Select(n => new KeyValuePair<string, string?>(n, query[n].ToString()));
        return QueryHelpers.AddQueryString("", kept);
    }

    /// <summary><paramref name="path"/> with the shared filter of <paramref name="currentUri"/> carried over.</summary>
    public static string Carry(string path, string currentUri) => path + QueryOf(currentUri);
}
