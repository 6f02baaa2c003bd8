using Khidma.BrowserTests.Support;
using Microsoft.Playwright;

namespace Khidma.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    [Fact]
    public Task SignIn_AdminInArabic_LandsOnPageWithArabicNav() => browser.RunAsync("ar", async page =>
    {
        await page.GotoAsync("/account/sign-in");
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal("تسجيل الدخول", (await page.Locator("main h1").InnerTextAsync()).Trim());

        await browser.SignInAsync(page, BrowserFixture.AdminEmail, BrowserFixture.AdminPassword);

        Assert.NotEqual("/account/sign-in", new Uri(page.Url).AbsolutePath);
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        var nav = page.Locator("nav.mainnav");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "صندوق الوارد" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "العملاء" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "الإدارة" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".topbar .me")).ToHaveTextAsync("مشرفة النظام");
    });

    [Fact]
    public Task SignIn_WrongPassword_ShowsArabicErrorAndStaysOnForm() => browser.RunAsync("ar", async page =>
    {
        await page.GotoAsync("/account/sign-in");
        await page.Locator("#Input_Email").FillAsync(BrowserFixture.AdminEmail);
        await page.Locator("#Input_Password").FillAsync("not-the-password");

        await page.Locator("main form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("main .validation-summary-errors")).ToContainTextAsync("البريد الإلكتروني أو كلمة المرور غير صحيحة");
        Assert.Equal("/account/sign-in", new Uri(page.Url).AbsolutePath);
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
    });
}
