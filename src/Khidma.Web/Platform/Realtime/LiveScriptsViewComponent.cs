using System.Security.Claims;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Platform.Realtime;

// The live console's scripts for employees' pages, with the sentences live.js shows in the user's language.
public sealed class LiveScriptsViewComponent(IStringLocalizer<RealtimeText> text) : ViewComponent
{
    public IViewComponentResult Invoke()
    {
        var user = (ClaimsPrincipal)User;
        var html = new HtmlContentBuilder();
        html.AppendHtml("<script src=\"/lib/signalr/signalr.min.js\" defer></script>\n");
        html.AppendHtml("<script src=\"/js/live.js\" defer");
        Attr(html, "data-user", user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "");
        Attr(html, "data-viewing", text["Viewing this interaction: {0}"]);
        Attr(html, "data-replying", text["Writing a reply: {0}"]);
        Attr(html, "data-visitor-typing", text["The visitor is typing…"]);
        Attr(html, "data-separator", text[", "]);
        html.AppendHtml("></script>\n");
        return new HtmlContentViewComponentResult(html);
    }

    private static void Attr(HtmlContentBuilder html, string name, string value)
    {
        html.AppendHtml(" " + name + "=\"");
        html.Append(value);
        html.AppendHtml("\"");
    }
}

public sealed class RealtimeText;
