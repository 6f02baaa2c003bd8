using System.Security.Claims;
using Khidma.Web.Areas.Fax.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Fax.Pages.Outgoing;

// The faxes of one interaction (K4) as a page of its own, and the handlers behind the _Fax fragment the interaction
// page embeds: send a PDF (upload or one already on the interaction) and retry a failed fax. Only employees who
// can see the interaction get here; everyone else gets 404.
[Authorize(Policy = "Employees")]
public sealed class InteractionModel(AppDbContext db, FaxPanel panels, SendFax send, IStringLocalizer<FaxText> text, TimeProvider clock) : PageModel
{
    public FaxPanel.Model Panel { get; private set; } = null!;

    public sealed class SendInput
    {
        public string? To { get; set; }
        public IFormFile? Document { get; set; }
        public string? Existing { get; set; }
    }

    public async Task OnGetAsync(long id, CancellationToken ct)
    {
        Panel = await panels.LoadAsync(User, id, ct);
        Panel.ReturnUrl = Request.Path;
    }

    public async Task<IActionResult> OnGetPanelAsync(long id, string? returnUrl, CancellationToken ct)
    {
        Panel = await panels.LoadAsync(User, id, ct);
        Panel.ReturnUrl = returnUrl;
        return Fragment();
    }

    public async Task<IActionResult> OnPostSendAsync(long id, [FromForm(Name = "Input")] SendInput input, string? returnUrl, CancellationToken ct)
    {
        var interaction = await panels.InteractionAsync(User, id, ct);
        Panel = await panels.LoadAsync(User, id, ct);
        Panel.ReturnUrl = returnUrl;
        Panel.To = input.To;
        Panel.ExistingKey = input.Existing;

        byte[]? bytes = null;
        string? name = null;
        if (input.Document is { Length: > 0 } file)
        {
            bytes = new byte[file.Length];
            await using var stream = file.OpenReadStream();
            await stream.ReadExactlyAsync(bytes, ct);
            name = file.FileName;
        }
        else if (!string.IsNullOrEmpty(input.Existing))
        {
            if (await panels.ReadExistingAsync(id, input.Existing, ct) is { } existing) (bytes, name) = existing;
            else Panel.Errors["Document"] = text["That document is no longer available."];
        }
        else Panel.Errors["Document"] = text["Choose the PDF to send."];

        try
        {
            send.CheckNumber(input.To);
        }
        catch (DomainException e)
        {
            Panel.Errors["To"] = text[e.ResourceKey, e.Args];
        }
        if (bytes is not null)
        {
            try
            {
                send.CheckDocument(bytes);
            }
            catch (DomainException e)
            {
                Panel.Errors["Document"] = text[e.ResourceKey, e.Args];
            }
        }
        if (Panel.Errors.Count > 0 || bytes is null) return Failed();

        await send.QueueAsync(interaction, input.To!, bytes, name, User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
        return await DoneAsync(id, returnUrl, text["The fax is queued; it leaves with the next sending round."], ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, long faxId, string? returnUrl, CancellationToken ct)
    {
        var interaction = await panels.InteractionAsync(User, id, ct);
        var item = await db.FaxOutbox.FirstOrDefaultAsync(o => o.Id == faxId && o.InteractionId == interaction.Id, ct) ?? throw new NotFoundException();
        try
        {
            item.Retry(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            Panel = await panels.LoadAsync(User, id, ct);
            Panel.ReturnUrl = returnUrl;
            Panel.Errors["Retry"] = text[e.ResourceKey, e.Args];
            return Failed();
        }
        return await DoneAsync(id, returnUrl, text["The fax will be sent again."], ct);
    }

    private async Task<IActionResult> DoneAsync(long id, string? returnUrl, string message, CancellationToken ct)
    {
        if (!IsHtmx) return LocalRedirect(SafeReturn(returnUrl, id) + "#interaction-fax");
        Panel = await panels.LoadAsync(User, id, ct);
        Panel.ReturnUrl = returnUrl;
        Panel.Saved = message;
        return Fragment();
    }

    // The fragment (or the page) comes back with the messages and the posted number; 200 so htmx swaps it.
    private IActionResult Failed() => IsHtmx ? Fragment() : Page();

    private PartialViewResult Fragment() => Partial(FaxPanel.View, Panel);

    private bool IsHtmx => Request.Headers.ContainsKey("HX-Request");

    private static string SafeReturn(string? returnUrl, long id) =>
        returnUrl is { Length: > 1 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) && !r.StartsWith("/\\", StringComparison.Ordinal)
            ? r.Split('#')[0]
            : $"/fax/interactions/{id}";
}
