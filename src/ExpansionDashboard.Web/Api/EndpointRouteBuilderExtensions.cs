using ExpansionDashboard.Data;
using ExpansionDashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
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

        app.MapPost("/Account/Logout", async (SignInManager<AppUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/Account/Login");
        }).RequireAuthorization();

        return app;
    }
}
