using ExpansionDashboard.Web.Auth;

namespace ExpansionDashboard.Web.Tests.Auth;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class CommonPasswordValidatorTests
{
    [Theory]
    [InlineData("123456")]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("Password123!")]
    [InlineData("2026!Dragon")]
    [InlineData("Letmein-2026")]
    public void IsCommon_ListedOrDressedUp_True(string password) => Assert.True(CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("Demo-Admin-2026!")]
    [InlineData("Brand-New-Viewer-2026!")]
    [InlineData("ab12!!")]
    [InlineData("Tangerine-Ledger-Omnibus-7")]
    public void IsCommon_UnlistedOrTooShortACore_False(string password) => Assert.False(CommonPasswordValidator.IsCommon(password));
}
