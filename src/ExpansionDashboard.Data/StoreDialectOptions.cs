using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Data;

public static class StoreDialectOptions
{
    /// <summary>Configures the store for <paramref name="dialect"/>: its provider, migrations and the dialect itself.</summary>
    public static DbContextOptionsBuilder UseStore(this DbContextOptionsBuilder options, IStoreDialect dialect, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dialect);
        dialect.Configure(options, connectionString);
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new StoreDialectExtension(dialect));
        return options;
    }

    /// <summary>Options for a context on <paramref name="dialect"/>, for tools and tests that build contexts themselves.</summary>
    public static DbContextOptions<DashboardDbContext> For(IStoreDialect dialect, string connectionString)
    {
        var options = new DbContextOptionsBuilder<DashboardDbContext>();
        options.UseStore(dialect, connectionString);
        return options.Options;
    }
}

/// <summary>Carries the dialect inside the context options, so every context knows its dialect without a service lookup.</summary>
internal sealed class StoreDialectExtension(IStoreDialect dialect) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public IStoreDialect Dialect => dialect;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(StoreDialectExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "Dialect=" + extension.Dialect.DisplayName + " ";

        public override int GetServiceProviderHashCode() => extension.Dialect.GetType().GetHashCode();

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) =>
            other is ExtensionInfo o && o.Extension is StoreDialectExtension e && e.Dialect.GetType() == extension.Dialect.GetType();

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["ExpansionDashboard:Dialect"] = extension.Dialect.DisplayName;
    }
}
