namespace ExpansionDashboard.Web.Hosting;

/// <summary>
/// Where a published app finds its wwwroot, appsettings.json and default App_Data folder.
/// </summary>
/// <remarks>
/// ASP.NET Core takes the content root from the working directory. A published app started from elsewhere
/// (<c>dotnet out/ExpansionDashboard.Web.dll</c>, or a service manager with another working directory) would then
/// serve every static file as an empty 200: unstyled pages without interactivity, and no appsettings.json. So, unless a
/// content root is given explicitly, a published app (one whose own folder holds wwwroot) uses its own folder. Builds
/// run with <c>dotnet run</c> have no wwwroot beside the dll and keep the project folder.
/// </remarks>
internal static class PublishedContentRoot
{
    /// <summary>The app's own folder when it is a published app started without an explicit content root; otherwise null (the default).</summary>
    public static string? Resolve(string[] args) => Resolve(args, Environment.GetEnvironmentVariable, AppContext.BaseDirectory);

    internal static string? Resolve(string[] args, Func<string, string?> environment, string appFolder)
    {
        var explicitRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(environment("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(environment("DOTNET_CONTENTROOT"));
        return !explicitRoot && Directory.Exists(Path.Combine(appFolder, "wwwroot")) ? appFolder : null;
    }
}
