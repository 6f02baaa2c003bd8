using System.Text;
using Khidma.BrowserTests.Support;
using Khidma.Web.Areas.Fax.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Khidma.BrowserTests;

// An administrator, in Arabic, points the fax gateway somewhere that refuses, sends a PDF from an interaction
// through the htmx upload form, and sees the gateway's error on the interaction's fax section.
[Collection(BrowserCollection.Name)]
public sealed class FaxJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task SendFax_AdminInArabic_UploadsPdfAndSeesGatewayError()
    {
        long interactionId;
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            interactionId = await db.Interactions.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        }
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Page >> endobj\ntrailer << >>\n%%EOF\n");

        await browser.RunAsync("ar", async page =>
        {
            await browser.SignInAsync(page, BrowserFixture.AdminEmail, BrowserFixture.AdminPassword);
            Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));

            // The gateway: this app itself, at a path that does not exist, so every post is refused with 404.
            await page.GotoAsync("/fax/gateway");
            await page.Locator("#Input_Kind").SelectOptionAsync("Http");
            await page.Locator("#Input_Url").FillAsync(browser.BaseUrl + "/no-such-fax-gateway");
            await page.Locator("main form button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("main .alert.ok")).ToBeVisibleAsync();

            await page.GotoAsync($"/interactions/{interactionId}");
            var section = page.Locator("#interaction-fax");
            await section.Locator("summary").ClickAsync();
            await section.Locator("input[name='Input.To']").FillAsync("٠١١٢٢٢٣٣٣٣");
            await section.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "عرض.pdf", MimeType = "application/pdf", Buffer = pdf });
            await section.Locator("button[type=submit]").Last.ClickAsync();
            await Assertions.Expect(page.Locator("#interaction-fax .alert.ok")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#interaction-fax li.fax-out.pending").First).ToContainTextAsync("عرض.pdf");

            await using (var scope = browser.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<FaxSender>().SendDueAsync();
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("#interaction-fax li.fax-out .fax-error").First).ToContainTextAsync("404");
            await page.Locator("#interaction-fax").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "fax-section-ar.png") });
        });
    }
}
