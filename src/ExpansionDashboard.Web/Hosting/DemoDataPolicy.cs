namespace ExpansionDashboard.Web.Hosting;

/// <summary>Whether the demo data set and demo users are loaded on start.</summary>
public enum DemoDataMode
{
    /// <summary>Dashboard:DemoData is off.</summary>
    Off,

    /// <summary>On, outside Production.</summary>
    On,

    /// <summary>On in Production because Dashboard:DemoDataForce says so (logged as a critical warning).</summary>
    Forced,
}

/// <summary>
/// Demo data is refused in Production: its users' passwords are in the README, so a production instance started with
/// demo data on would be open to anyone. Dashboard:DemoDataForce=true overrides that deliberately.
/// </summary>
public static class DemoDataPolicy
{
    /// <summary>The mode for these settings in this environment.</summary>
    /// <exception cref="InvalidOperationException">Demo data is on in Production without Dashboard:DemoDataForce.</exception>
    public static DemoDataMode Decide(IHostEnvironment environment, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.DemoData)
        {
            return DemoDataMode.Off;
        }

        if (!environment.IsProduction())
        {
            return DemoDataMode.On;
        }

        return options.DemoDataForce
            ? DemoDataMode.Forced
            : throw new InvalidOperationException(
                "Dashboard:DemoData=true is refused in the Production environment: the demo users' passwords are published in the README. " +
                "Set Dashboard:DemoData=false (environment variable Dashboard__DemoData=false) for real data, or, only for a throwaway demo, " +
                "also set Dashboard:DemoDataForce=true.");
    }
}
