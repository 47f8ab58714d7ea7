using ExpansionDashboard.Data;
using ExpansionDashboard.Data.Demo;
using ExpansionDashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace ExpansionDashboard.Web.Hosting;

/// <summary>
/// Runs before the app takes requests: migrates the store, creates roles, the bootstrap admin and, when
/// demo data is on, the demo data set and demo users.
/// </summary>
public static class AppInitializer
{
    public static async Task InitializeDashboardAsync(this WebApplication app, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        var demo = DemoDataPolicy.Decide(app.Environment, services.GetRequiredService<IOptions<DashboardOptions>>().Value);
        Api.UploadSpool.CleanTempFolder();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        await services.GetRequiredService<Data.Alerts.AlertRuleStore>().EnsureDefaultRulesAsync(ct);

        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var options = sp.GetRequiredService<IOptions<DashboardOptions>>().Value;
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("ExpansionDashboard.Startup");

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        if (options.BootstrapAdmin is { Email: { Length: > 0 } email, Password: { Length: > 0 } password })
        {
            if (await EnsureUserAsync(users, email, password, Roles.Admin))
            {
                log.LogInformation("Bootstrap admin {Email} created.", email);
            }
        }

        if (demo == DemoDataMode.Forced)
        {
            log.LogCritical(
                "Demo data is FORCED ON in {Environment} (Dashboard:DemoDataForce=true). The demo users' passwords are published in the README: " +
                "anyone who can reach this app can sign in as {AdminEmail} (Admin). Never use this with real data; remove Dashboard:DemoData and Dashboard:DemoDataForce.",
                app.Environment.EnvironmentName, DemoCredentials.AdminEmail);
        }

        if (demo != DemoDataMode.Off && await sp.GetRequiredService<DemoDataSeeder>().WasRemovedAsync(ct))
        {
            log.LogInformation("Demo data was removed from this store by an admin; it is not loaded again (Dashboard:DemoData is ignored).");
        }
        else if (demo != DemoDataMode.Off)
        {
            await sp.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(ct);
            await EnsureUserAsync(users, DemoCredentials.AdminEmail, DemoCredentials.AdminPassword, Roles.Admin);
            await EnsureUserAsync(users, DemoCredentials.ViewerEmail, DemoCredentials.ViewerPassword, Roles.Viewer);
            log.LogWarning(
                "Demo mode: sign in as {AdminEmail} / {AdminPassword} (Admin) or {ViewerEmail} / {ViewerPassword} (Viewer). Set Dashboard:DemoData=false for real data.",
                DemoCredentials.AdminEmail, DemoCredentials.AdminPassword, DemoCredentials.ViewerEmail, DemoCredentials.ViewerPassword);
        }
    }

    private static async Task<bool> EnsureUserAsync(UserManager<AppUser> users, string email, string password, string role)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return false;
        }

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0] };
        Check(await users.CreateAsync(user, password), $"create user {email}");
        Check(await users.AddToRoleAsync(user, role), $"add {email} to role {role}");
        return true;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
