using ExpansionDashboard.Data.Queries;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Web.Auth;

namespace ExpansionDashboard.Web.Endpoints;

/// <summary>The read API for BI tools and scripts: cookie or X-Api-Key.</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/metrics").RequireAuthorization(Policies.ApiRead);

        api.MapGet("/summary", async (string? month, string? segment, string? industry, string? region, string? csm, MetricsApiQuery query, CancellationToken ct) =>
        {
            Month? m = null;
            if (!string.IsNullOrWhiteSpace(month))
            {
                if (!Month.TryParse(month, out var parsed) || month.Trim().Length != 7)
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid month",
                        detail: $"month '{month}' is not in the form YYYY-MM.");
                }

                m = parsed;
            }

            var filter = new AccountFilter(Blank(segment), Blank(industry), Blank(region), Blank(csm));
            return Results.Ok(await query.SummaryAsync(m, filter, ct));
        });

        return app;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
