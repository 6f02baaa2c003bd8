using Khidma.Web.Platform.Data;

namespace Khidma.Tests.Platform;

public sealed class BootstrapTests
{
    // The first start prints a generated administrator password; a password Identity rejects would stop the start.
    [Fact]
    public void NewPassword_ManyTimes_AlwaysHasUpperLowerAndDigit()
    {
        for (var i = 0; i < 2000; i++)
        {
            var password = Bootstrap.NewPassword();
            Assert.True(password.Length >= 8 && password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit), password);
        }
    }
}
