using System.ComponentModel.DataAnnotations;

namespace ExpansionDashboard.Web.Options;

/// <summary>The `Dashboard` settings section; see appsettings.example.json for every key.</summary>
public sealed class DashboardOptions : IValidatableObject
{
    public const string Section = "Dashboard";

    /// <summary>Load the deterministic demo data set into an empty store on start.</summary>
    public bool DemoData { get; set; }

    /// <summary>
    /// Allows <see cref="DemoData"/> in the Production environment, where it is refused otherwise: the demo users'
    /// passwords are published in the README.
    /// </summary>
    public bool DemoDataForce { get; set; }

    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    public ImportOptions Import { get; set; } = new();

    public AlertOptions Alerts { get; set; } = new();

    public DatabaseOptions Database { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>An API key with Admin rights for automation (header X-Api-Key); empty disables it.</summary>
    public string? BootstrapApiKey { get; set; }

    /// <summary>ISO 4217 code of the reporting currency.</summary>
    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "Dashboard:Currency must be a three-letter ISO 4217 code such as USD.")]
    public string Currency { get; set; } = "USD";

    /// <summary>A culture name (e.g. "de-DE") that every user sees; empty to follow each browser's language.</summary>
    public string? Culture { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasEmail = !string.IsNullOrWhiteSpace(BootstrapAdmin.Email);
        var hasPassword = !string.IsNullOrWhiteSpace(BootstrapAdmin.Password);
        if (hasEmail != hasPassword)
        {
            yield return new ValidationResult(
                "Dashboard:BootstrapAdmin needs both Email and Password (or neither).",
                [nameof(BootstrapAdmin)]);
        }

        if (hasEmail && !new EmailAddressAttribute().IsValid(BootstrapAdmin.Email))
        {
            yield return new ValidationResult("Dashboard:BootstrapAdmin:Email is not a valid e-mail address.", [nameof(BootstrapAdmin)]);
        }

        var alertResults = new List<ValidationResult>();
        Validator.TryValidateObject(Alerts, new ValidationContext(Alerts), alertResults, validateAllProperties: true);
        foreach (var r in alertResults)
        {
            yield return r;
        }

        var importResults = new List<ValidationResult>();
        Validator.TryValidateObject(Import, new ValidationContext(Import), importResults, validateAllProperties: true);
        foreach (var r in importResults)
        {
            yield return r;
        }

        var rateResults = new List<ValidationResult>();
        Validator.TryValidateObject(RateLimits, new ValidationContext(RateLimits), rateResults, validateAllProperties: true);
        foreach (var r in rateResults)
        {
            yield return r;
        }

        if (!string.IsNullOrWhiteSpace(Culture) && !IsCulture(Culture))
        {
            yield return new ValidationResult($"Dashboard:Culture '{Culture}' is not a known culture name (for example en-US or de-DE).", [nameof(Culture)]);
        }

        if (!DatabaseOptions.TryParse(Database.Provider, out _))
        {
            yield return new ValidationResult($"Dashboard:Database:Provider '{Database.Provider}' is not a provider: use Sqlite or PostgreSql.", [nameof(Database)]);
        }

        if (BootstrapApiKey is { Length: > 0 and < 24 })
        {
            yield return new ValidationResult("Dashboard:BootstrapApiKey must be at least 24 characters long.", [nameof(BootstrapApiKey)]);
        }
    }

    private static bool IsCulture(string name)
    {
        try
        {
            return System.Globalization.CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name.Length > 0;
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return false;
        }
    }
}

public sealed class ImportOptions
{
    /// <summary>Largest upload accepted, in megabytes (form and API).</summary>
    [Range(1, 4096, ErrorMessage = "Dashboard:Import:MaxUploadMegabytes must be between 1 and 4096.")]
    public int MaxUploadMegabytes { get; set; } = 200;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}

public sealed class BootstrapAdminOptions
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}

public sealed class AlertOptions
{
    /// <summary>How often the alert monitor looks for changed data and due webhook deliveries, in seconds.</summary>
    [Range(1, 3600, ErrorMessage = "Dashboard:Alerts:CheckSeconds must be between 1 and 3600.")]
    public int CheckSeconds { get; set; } = 5;

    /// <summary>How long one webhook delivery may take before it counts as failed and is retried, in seconds.</summary>
    [Range(1, 120, ErrorMessage = "Dashboard:Alerts:WebhookTimeoutSeconds must be between 1 and 120.")]
    public int WebhookTimeoutSeconds { get; set; } = 10;
}

/// <summary>The `Dashboard:Database` settings: which database holds the store (the connection string is ConnectionStrings:Dashboard).</summary>
public sealed class DatabaseOptions
{
    /// <summary>Sqlite (default: a file next to the app) or PostgreSql (Npgsql).</summary>
    public string Provider { get; set; } = nameof(Data.DatabaseProvider.Sqlite);

    public static bool TryParse(string? text, out Data.DatabaseProvider provider)
    {
        provider = Data.DatabaseProvider.Sqlite;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var key = text.Trim();
        if (key.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || key.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) || key.Equals("Npgsql", StringComparison.OrdinalIgnoreCase))
        {
            provider = Data.DatabaseProvider.PostgreSql;
            return true;
        }

        return Enum.TryParse(key, ignoreCase: true, out provider) && Enum.IsDefined(provider);
    }
}
