using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Khidma.Web.Platform.Htmx;

// ASP.NET's form tag helper leaves the antiforgery token out of a form with a literal action="…", and our
// forms name their handler URLs explicitly. Every POST form gets exactly one token, so none fails with 400.
[HtmlTargetElement("form", Attributes = "method")]
public sealed class AntiforgeryFormTagHelper(IAntiforgery antiforgery) : TagHelper
{
    private const string FieldName = "__RequestVerificationToken";

    // After the built-in FormTagHelper (Order -1000), so its own token, when it adds one, is already there.
    public override int Order => 0;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var method = output.Attributes["method"]?.Value?.ToString() ?? context.AllAttributes["method"]?.Value?.ToString();
        if (!string.Equals(method, "post", StringComparison.OrdinalIgnoreCase)) return;
        if (output.PostContent.GetContent().Contains(FieldName, StringComparison.Ordinal)) return;
        if ((await output.GetChildContentAsync()).GetContent().Contains(FieldName, StringComparison.Ordinal)) return;
        var tokens = antiforgery.GetAndStoreTokens(ViewContext.HttpContext);
        var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        input.Attributes["type"] = "hidden";
        input.Attributes["name"] = tokens.FormFieldName;
        input.Attributes["value"] = tokens.RequestToken;
        output.PostContent.AppendHtml(input);
    }
}
