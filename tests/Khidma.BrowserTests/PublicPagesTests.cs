using Khidma.BrowserTests.Support;
using Microsoft.Playwright;

namespace Khidma.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PublicPagesTests(BrowserFixture browser)
{
    [Fact]
    public Task CharterPage_Arabic_IsRightToLeftWithArabicGoals() => browser.RunAsync("ar", async page =>
    {
        await page.GotoAsync("/charter");

        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal("ar", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("ميثاق خدمتنا", (await page.Locator("main h1").InnerTextAsync()).Trim());
        await Assertions.Expect(page.GetByText("رعاية العملاء في كل وقت يحتاجون إلينا فيه")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("الود الكامل: أن يشعر العملاء بأنهم في بيتهم وبين أهلهم")).ToBeVisibleAsync();
        // Right-to-left for real: the heading starts at the right edge of the page.
        var box = (await page.Locator("main h1").BoundingBoxAsync())!;
        Assert.True(box.X + box.Width > 1280 / 2, $"heading at x={box.X}, width={box.Width}");
    });

    [Fact]
    public Task CharterPage_SwitchToEnglish_IsLeftToRightWithEnglishGoals() => browser.RunAsync("ar", async page =>
    {
        await page.GotoAsync("/charter");

        await page.Locator("nav.langs a[lang=en]").ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Equal("/charter", new Uri(page.Url).AbsolutePath);
        Assert.Equal("Our service charter", (await page.Locator("main h1").InnerTextAsync()).Trim());
        await Assertions.Expect(page.GetByText("Care for our customers whenever they need us")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("رعاية العملاء في كل وقت يحتاجون إلينا فيه")).ToHaveCountAsync(0);
    });
}
