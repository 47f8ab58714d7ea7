using ExpansionDashboard.Data.Demo;

namespace ExpansionDashboard.Web.Api;

public static class DemoApi
{
    /// <summary>
    /// <c>GET /api/demo</c> (signed in): whether the store holds the demo data set.
    /// <c>POST /api/demo/remove</c> (Admin): removes the demo data and demo users (real imported rows stay) and answers
    /// what was removed and kept; a repeated call answers <c>wasPresent: false</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapDemoApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/demo", async (DemoDataRemover remover, CancellationToken ct) => Results.Ok(await remover.GetStatusAsync(ct)))
            .RequireAuthorization(Policies.ApiRead);

        app.MapPost("/api/demo/remove", async (DemoDataRemover remover, HttpContext http, CancellationToken ct) =>
                Results.Ok(await remover.RemoveAsync(http.User.Identity?.Name ?? "api key", DemoCredentials.Emails, ct)))
            .RequireAuthorization(Policies.ApiWrite).DisableAntiforgery();
        return app;
    }
}
