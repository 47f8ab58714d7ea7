namespace ExpansionDashboard.Web.Auth;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Viewer = "Viewer";

    public static readonly string[] All = [Admin, Viewer];
}

public static class Policies
{
    /// <summary>Signed in by cookie or by API key.</summary>
    public const string ApiRead = "ApiRead";

    /// <summary>An Admin, by cookie or by API key.</summary>
    public const string ApiWrite = "ApiWrite";
}

/// <summary>Demo sign-ins, documented in README.md and printed on start when demo data is on.</summary>
public static class DemoCredentials
{
    public const string AdminEmail = "admin@demo.local";
    public const string AdminPassword = "Demo-Admin-2026!";
    public const string ViewerEmail = "viewer@demo.local";
    public const string ViewerPassword = "Demo-Viewer-2026!";

    /// <summary>Both demo users' e-mail addresses (removed with the demo data).</summary>
    public static readonly string[] Emails = [AdminEmail, ViewerEmail];
}
