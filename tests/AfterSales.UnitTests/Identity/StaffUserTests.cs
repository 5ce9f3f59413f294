using AfterSales.Identity.Model;
using AfterSales.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AfterSales.UnitTests.Identity;

public class StaffUserTests
{
    private static readonly PasswordHasher<StaffUser> Hasher = new();

    private static StaffUser Dispatcher(string password = "correct horse")
    {
        var user = new StaffUser(Guid.NewGuid(), "dispatcher", "黄磊", [StaffRoles.Dispatcher], null);
        user.SetPassword(password, Hasher);
        return user;
    }

    [Fact]
    public void The_right_password_signs_in()
    {
        Assert.True(Dispatcher().SignIn("correct horse", Hasher));
    }

    [Fact]
    public void A_wrong_password_does_not_sign_in()
    {
        Assert.False(Dispatcher().SignIn("Correct horse", Hasher));
    }

    [Fact]
    public void A_disabled_user_does_not_sign_in_even_with_the_right_password()
    {
        var user = Dispatcher();

        user.Disable();

        Assert.False(user.SignIn("correct horse", Hasher));
    }

    [Fact]
    public void The_password_is_stored_only_as_a_hash()
    {
        var user = Dispatcher();

        Assert.DoesNotContain("correct horse", user.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public void Signing_in_upgrades_a_hash_made_with_older_settings()
    {
        var user = new StaffUser(Guid.NewGuid(), "finance", "吴芳", [StaffRoles.Finance], null);
        user.SetPassword("correct horse", new PasswordHasher<StaffUser>(Options.Create(
            new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 })));
        var oldHash = user.PasswordHash;

        Assert.True(user.SignIn("correct horse", Hasher));

        Assert.NotEqual(oldHash, user.PasswordHash);
        Assert.Equal(PasswordVerificationResult.Success, Hasher.VerifyHashedPassword(user, user.PasswordHash, "correct horse"));
    }

    [Fact]
    public void User_names_are_compared_without_regard_to_case_or_surrounding_spaces()
    {
        var user = new StaffUser(Guid.NewGuid(), " Reception ", "陈静", [StaffRoles.Receptionist], null);

        Assert.Equal("reception", user.UserName);
        Assert.Equal(user.UserName, StaffUser.NormalizeUserName("RECEPTION"));
    }

    [Fact]
    public void Only_the_suite_roles_can_be_given()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new StaffUser(Guid.NewGuid(), "boss", "老板", [StaffRoles.Manager, "owner"], null));

        Assert.Contains("owner", error.Message, StringComparison.Ordinal);
    }
}
