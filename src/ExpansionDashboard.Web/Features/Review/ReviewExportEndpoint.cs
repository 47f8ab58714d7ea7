using ExpansionDashboard.Data.SavedReviews;

namespace ExpansionDashboard.Web.Features.Review;

/// <summary>
/// <c>GET /review/export.pptx</c>: the deck (today's, <c>?date=</c>, or a saved one with <c>?saved=</c>) as a PowerPoint
/// file, for anyone who may open <c>/review</c>. Fetched by URL there is no drawn chart to take, so the chart is drawn
/// with PowerPoint shapes from the same layout; the deck's own PowerPoint button sends the charts the browser drew.
/// </summary>
public static class ReviewExportEndpoint
{
    public const string Path = "/review/export.pptx";

    public static IEndpointRouteBuilder MapReviewExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext http, ReviewQuery query, PlannerQuery planner, SavedReviewStore store, TimeProvider time, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            var p = ReviewParameters.Parse(http.Request.Query);
            if (!p.IsValid)
            {
                return Results.Problem(p.Error, statusCode: StatusCodes.Status400BadRequest);
            }

            DeckView view;
            if (p.Saved is { } id)
            {
                if (await store.GetAsync(id, ct) is not { } saved)
                {
                    return Results.Problem($"There is no saved review {id}.", statusCode: StatusCodes.Status404NotFound);
                }

                view = DeckView.FromJson(saved.Json);
            }
            else
            {
                var deck = await query.GetAsync(p.Date ?? DateOnly.FromDateTime(time.GetLocalNow().DateTime), ct);
                view = DeckBuilder.Build(deck, await planner.ScenariosAsync(reviewOnly: true, ct), options.Value.Currency, time.GetLocalNow());
            }

            var bytes = DeckPptx.Build(view, new Dictionary<string, byte[]>(), p.Presenter);
            return Results.File(bytes, DeckPptx.ContentType, DeckPptx.FileName(view, p.Saved));
        }).RequireAuthorization();
        return app;
    }
}
