using ExpansionDashboard.Metrics.Cohorts;

namespace ExpansionDashboard.Web.Api;

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

        api.MapGet("/movements", async (string? from, string? to, string? segment, string? industry, string? region, string? csm, MetricsApiQuery query, CancellationToken ct) =>
        {
            if (!TryMonth(from, "from", out var f, out var error) || !TryMonth(to, "to", out var t, out error))
            {
                return error!;
            }

            if (t < f)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid range", detail: $"to ({t}) is before from ({f}).");
            }

            if (t - f > 600)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Range too long", detail: "Ask for at most 600 months at a time.");
            }

            return Results.Ok(await query.MovementsAsync(f, t, new AccountFilter(Blank(segment), Blank(industry), Blank(region), Blank(csm)), ct));
        });

        api.MapGet("/cohorts", async (string? grain, string? measure, string? segment, string? industry, string? region, string? csm, MetricsApiQuery query, CancellationToken ct) =>
        {
            var g = (grain ?? "quarter").Trim().ToLowerInvariant() switch
            {
                "month" => (CohortGrain?)CohortGrain.Month,
                "quarter" => CohortGrain.Quarter,
                "year" => CohortGrain.Year,
                _ => null,
            };
            var m = (measure ?? "revenue").Trim().ToLowerInvariant() switch
            {
                "revenue" => (CohortMeasure?)CohortMeasure.Revenue,
                "logos" => CohortMeasure.Logos,
                _ => null,
            };
            if (g is null || m is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid parameter",
                    detail: "grain must be month, quarter or year; measure must be revenue or logos.");
            }

            return Results.Ok(await query.CohortsAsync(g.Value, m.Value, new AccountFilter(Blank(segment), Blank(industry), Blank(region), Blank(csm)), ct));
        });

        app.MapGet("/api/pipeline/coverage", async (string? quarter, string? segment, MetricsApiQuery query, CancellationToken ct) =>
        {
            Quarter? q = null;
            if (!string.IsNullOrWhiteSpace(quarter))
            {
                if (!Quarter.TryParse(quarter, out var parsed))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid quarter", detail: $"quarter '{quarter}' is not in the form YYYY-Qn.");
                }

                q = parsed;
            }

            return Results.Ok(await query.CoverageAsync(q, Blank(segment), ct));
        }).RequireAuthorization(Policies.ApiRead);

        return app;
    }

    private static bool TryMonth(string? text, string name, out Month month, out IResult? error)
    {
        error = null;
        if (!string.IsNullOrWhiteSpace(text) && text.Trim().Length == 7 && Month.TryParse(text, out month))
        {
            return true;
        }

        month = default;
        error = Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid month", detail: $"{name} '{text}' is not a month in the form YYYY-MM.");
        return false;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
