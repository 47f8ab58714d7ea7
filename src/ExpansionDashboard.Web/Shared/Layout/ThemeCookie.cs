namespace ExpansionDashboard.Web.Shared.Layout;

/// <summary>
/// The remembered theme: a first-party cookie the layout's module writes when the user toggles it (also kept in
/// localStorage), read by the server on the first render so every reload and every new tab opens in that theme.
/// </summary>
public static class ThemeCookie
{
    public const string Name = "ed-theme";
    public const string Dark = "dark";
    public const string Light = "light";

    /// <summary>True for dark, false for light, null when there is no (valid) choice.</summary>
    public static bool? Read(string? value) => value switch
    {
        Dark => true,
        Light => false,
        _ => null,
    };

    public static string Value(bool dark) => dark ? Dark : Light;
}
