using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Timeliness.Components;

/// <summary>
/// The SLA badge's markup. The inbox writes one per row (50 a page), so it is built directly rather than through a
/// view component and a view each time; <see cref="SlaBadgeViewComponent"/> uses it too, so there is one markup.
/// </summary>
public static class SlaBadgeHtml
{
    public static IHtmlContent Render(SlaSummary.Badge? badge, IStringLocalizer<TimelinessText> text, Formatter format)
    {
        if (badge is not { } b) return HtmlString.Empty;
        var breached = b.Level == SlaWarningLevel.Breached;
        var css = breached ? "breached" : b.Paused ? "paused" : b.Level == SlaWarningLevel.Warning ? "warning" : "ok";
        var time = DurationText.Format(b.Remaining, text, format);
        var label = breached ? text["{0} overdue", time] : b.Paused ? text["paused, {0} left", time] : text["{0} left", time];
        var kind = b.Kind.ToString();
        var kindText = text[kind].Value;
        var title = b.Due is { } due
            ? $"{kindText} · {text["due"]} {format.DateTime(due)}"
            : $"{kindText} · {text["paused while waiting on the customer"]}";
        var html = new HtmlContentBuilder(11);
        html.AppendHtml("<span class=\"sla-badge sla-").AppendHtml(css)
            .AppendHtml("\" title=\"").Append(title)
            .AppendHtml("\" data-sla-kind=\"").Append(kind)
            .AppendHtml("\"><span class=\"sla-kind\">").Append(kindText)
            .AppendHtml("</span> ").Append(label.Value)
            .AppendHtml("</span>");
        return html;
    }
}
