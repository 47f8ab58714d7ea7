using ExpansionDashboard.Data;
using ExpansionDashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Web.Api;

public static class EndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        // Liveness plus "the database answers": a load balancer can take an instance out when SQLite is unreachable.
        app.MapGet("/healthz", async (IDbContextFactory<DashboardDbContext> factory, CancellationToken ct) =>
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var ok = await db.Database.CanConnectAsync(ct) && await db.Database.ExecuteSqlRawAsync("SELECT 1", ct) is var _;
                return ok
                    ? Results.Ok(new { status = "Healthy", database = "reachable" })
                    : Results.Json(new { status = "Unhealthy", database = "unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or IOException)
            {
                return Results.Json(new { status = "Unhealthy", database = "unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).AllowAnonymous().ExcludeFromDescription();

        // The token is checked here rather than by the antiforgery middleware, whose refusal surfaced as a 500: a post
        // without it (a cross-site logout attempt, an expired page) gets 400 and the user stays signed in. A new security
        // stamp ends this cookie server-side, so a copy of it taken earlier stops working too.
        app.MapPost("/Account/Logout", async (HttpContext http, SignInManager<AppUser> signIn, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/Account/Login");
        }).RequireAuthorization().DisableAntiforgery();

        return app;
    }
}
