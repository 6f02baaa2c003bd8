using Khidma.Tests.Support;
using Khidma.Web.Areas.Mail.Domain;

namespace Khidma.Tests.MailChannel;

public sealed class HtmlSanitizerTests
{
    public static TheoryData<string> XssVectors => new()
    {
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<a href=\"jAvAsCrIpT:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=\" &#14;  javascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        "<math href=\"javascript:alert(1)\">CLICK</math>",
        "<style>@import 'http://evil/x.css';</style><p>hi</p>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><input type=submit></form>",
        "<body onload=alert(1)>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<p title=\"&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;\">t</p>",
        "<<img src=x onerror=alert(1)//<",
        "<img src=\"x\" \"onerror=alert(1)\">",
        "<a href=\"https://ok.test\" onclick=\"alert(1)\" onmouseover=alert(1)>ok</a>",
        "<template><img src=x onerror=alert(1)></template>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
        "<xss style=\"behavior: url(xss.htc);\">",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
    };

    [Theory]
    [MemberData(nameof(XssVectors))]
    public void Sanitize_XssVector_NoScriptableOutput(string vector)
    {
        var html = HtmlSanitizer.Sanitize(vector, allowRemoteImages: true).Html;
        var doc = Http.Parse("<!doctype html><body>" + html);
        foreach (var element in doc.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, new[] { "script", "style", "iframe", "object", "embed", "form", "input", "svg", "math", "meta", "base", "template" });
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{vector} → {html}");
                Assert.NotEqual("style", attribute.Name);
                Assert.NotEqual("background", attribute.Name);
                if (attribute.Name is "href" or "src")
                    Assert.Matches("^(https?:|mailto:|data:image/(png|jpeg|gif|webp);base64,)", attribute.Value);
            }
        }
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sanitize_OrdinaryMail_KeepsStructureAndSafeLinks()
    {
        var html = HtmlSanitizer.Sanitize("<div dir=\"rtl\"><p>مرحبا <b>بك</b></p><a href=\"https://khidma.test/x?a=1&b=2\">link</a><table><tr><td colspan=2>1</td></tr></table></div>").Html;
        Assert.Contains("<div dir=\"rtl\"><p>مرحبا <b>بك</b></p>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://khidma.test/x?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\" target=\"_blank\"", html, StringComparison.Ordinal);
        Assert.Contains("<td colspan=\"2\">1</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_RemoteImage_PlaceholderUntilAllowed()
    {
        const string input = "<img src=\"https://tracker.test/pixel.gif\"><img src=\"cid:logo@x\">";
        var blocked = HtmlSanitizer.Sanitize(input, resolveCid: cid => cid == "logo@x" ? "/mail/attachments/7" : null);
        Assert.Equal(1, blocked.BlockedRemoteImages);
        Assert.DoesNotContain("tracker.test", blocked.Html, StringComparison.Ordinal);
        Assert.Contains("src=\"/mail/attachments/7\"", blocked.Html, StringComparison.Ordinal);
        var shown = HtmlSanitizer.Sanitize(input, allowRemoteImages: true);
        Assert.Contains("src=\"https://tracker.test/pixel.gif\"", shown.Html, StringComparison.Ordinal);
    }
}
