using System.ComponentModel.DataAnnotations;
using ExpansionDashboard.Web.Options;

namespace ExpansionDashboard.Web.Tests.Options;

[Trait(Lanes.Category, Lanes.Unit)]
public class DashboardOptionsTests
{
    private static List<ValidationResult> Validate(DashboardOptions o)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(o, new ValidationContext(o), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Validate_Defaults_AreValid() => Assert.Empty(Validate(new DashboardOptions()));

    [Fact]
    public void Validate_AdminEmailWithoutPassword_NamesTheSetting()
    {
        var results = Validate(new DashboardOptions { BootstrapAdmin = new() { Email = "a@b.com" } });

        Assert.Contains(results, r => r.ErrorMessage!.Contains("Dashboard:BootstrapAdmin", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ShortApiKey_IsRejected() =>
        Assert.Contains(Validate(new DashboardOptions { BootstrapApiKey = "short" }), r => r.ErrorMessage!.Contains("BootstrapApiKey", StringComparison.Ordinal));

    [Fact]
    public void Validate_BadCurrency_IsRejected() =>
        Assert.Contains(Validate(new DashboardOptions { Currency = "dollars" }), r => r.ErrorMessage!.Contains("Currency", StringComparison.Ordinal));
}
