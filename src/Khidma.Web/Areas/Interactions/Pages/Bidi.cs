using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Khidma.Web.Areas.Interactions.Pages;

// People's names inside translated sentences ("{0} marked the stage done") are isolated in <bdi>, so an
// Arabic name in an English sentence (or the reverse) does not reorder the words around it.
public static class Bidi
{
    public static IHtmlContent Isolate(string? text) =>
        new HtmlString("<bdi>" + HtmlEncoder.Default.Encode(text ?? "") + "</bdi>");
}
