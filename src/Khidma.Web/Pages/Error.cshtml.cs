using Khidma.Web.Platform.Errors;
using Khidma.Web.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<SharedResource> text) : PageModel
{
    public string Title { get; private set; } = "";
    public string? Message { get; private set; }

    public void OnGet(int? status) => Show(status);

    public void OnPost(int? status) => Show(status);

    private void Show(int? status)
    {
        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        var code = error is not null ? ErrorHandling.Status(error) : status is >= 400 and < 600 ? status.Value : 500;
        Response.StatusCode = code;
        Title = ErrorHandling.StatusTitle(code, text);
        Message = error is null ? null : ErrorHandling.Message(error, text);
    }
}
