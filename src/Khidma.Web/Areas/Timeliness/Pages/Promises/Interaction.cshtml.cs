using System.Security.Claims;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.Timeliness.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Khidma.Web.Areas.Timeliness.Pages.Promises;

// The promises of one interaction (T2) as a page of its own, and the handlers behind the _Promises fragment that
// the interaction page embeds. Every handler answers htmx with the fragment and a plain post with a redirect
// (or the page with the errors).
[Authorize(Policy = "Employees")]
public sealed class InteractionModel(AppDbContext db, PromisesPanel panels, RecordPromise record, Formatter format,
    IStringLocalizer<TimelinessText> text, TimeProvider clock) : PageModel
{
    public PromisesPanel.Model Panel { get; private set; } = null!;

    public sealed class RecordInput
    {
        public string? What { get; set; }
        public string? Due { get; set; }
        public bool Confirm { get; set; }
    }

    public sealed class ActionInput
    {
        public long PromiseId { get; set; }
        public string? Reason { get; set; }
        public string? NewDue { get; set; }
    }

    public async Task OnGetAsync(long id, CancellationToken ct)
    {
        Panel = await panels.LoadAsync(User, id, ct);
        Panel.ReturnUrl = Request.Path;
    }

    public async Task<IActionResult> OnGetPanelAsync(long id, CancellationToken ct)
    {
        Panel = await panels.LoadAsync(User, id, ct);
        return Fragment();
    }

    public async Task<IActionResult> OnPostRecordAsync(long id, [FromForm(Name = "Input")] RecordInput input, string? returnUrl, CancellationToken ct)
    {
        Panel = await panels.LoadAsync(User, id, ct);
        Panel.ReturnUrl = returnUrl;
        Panel.What = input.What;
        Panel.Due = input.Due;
        var what = input.What?.Trim();
        if (string.IsNullOrEmpty(what)) Panel.Errors["What"] = text["Say what was promised."];
        else if (what.Length > Promise.WhatMaxLength) Panel.Errors["What"] = text["The promise is too long."];
        if (!RecordPromise.TryParseDue(input.Due, format.Zone, out var due)) Panel.Errors["Due"] = text["Give the due date and time."];
        else if (due <= clock.GetUtcNow().UtcDateTime) Panel.Errors["Due"] = text["The due time must be in the future."];
        else if (Panel.Advice.IsEarlierThanEstimate(due) && !input.Confirm) Panel.AskConfirm = true;
        if (Panel.Errors.Count > 0 || Panel.AskConfirm) return Failed();

        try
        {
            await record.RunAsync(Panel.Target, what, due, User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
        }
        catch (DomainException e)
        {
            Panel.Errors["Due"] = text[e.ResourceKey, e.Args];
            return Failed();
        }
        return await DoneAsync(id, returnUrl, text["The promise is recorded."], ct);
    }

    public Task<IActionResult> OnPostKeptAsync(long id, [FromForm(Name = "Action")] ActionInput input, string? returnUrl, CancellationToken ct) =>
        ChangeAsync(id, input, returnUrl, (p, user, now) => p.MarkKept(user, now), text["Marked as kept."], ct);

    public Task<IActionResult> OnPostBrokenAsync(long id, [FromForm(Name = "Action")] ActionInput input, string? returnUrl, CancellationToken ct) =>
        ChangeAsync(id, input, returnUrl, (p, user, now) => p.MarkBroken(input.Reason, user, now), text["Marked as broken."], ct);

    public Task<IActionResult> OnPostRenegotiateAsync(long id, [FromForm(Name = "Action")] ActionInput input, string? returnUrl, CancellationToken ct)
    {
        if (!RecordPromise.TryParseDue(input.NewDue, format.Zone, out var newDue))
            return ActionFailedAsync(id, input, returnUrl, text["Give the due date and time."], ct);
        return ChangeAsync(id, input, returnUrl, (p, user, now) => db.Set<Promise>().Add(p.Renegotiate(newDue, input.Reason, user, now)),
            text["The promise is renegotiated."], ct);
    }

    private async Task<IActionResult> ChangeAsync(long id, ActionInput input, string? returnUrl, Action<Promise, string?, DateTime> change, string done, CancellationToken ct)
    {
        // Visibility first: a promise is reachable only through an interaction the user may see.
        var target = await record.FindAsync(db.Interactions.VisibleTo(User), id, ct) ?? throw new NotFoundException();
        var promise = await db.Set<Promise>().FirstOrDefaultAsync(p => p.Id == input.PromiseId && p.InteractionId == target.Id, ct)
            ?? throw new NotFoundException();
        try
        {
            change(promise, User.FindFirstValue(ClaimTypes.NameIdentifier), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return await ActionFailedAsync(id, input, returnUrl, text[e.ResourceKey, e.Args], ct);
        }
        return await DoneAsync(id, returnUrl, done, ct);
    }

    private async Task<IActionResult> ActionFailedAsync(long id, ActionInput input, string? returnUrl, string message, CancellationToken ct)
    {
        Panel = await panels.LoadAsync(User, id, ct);
        Panel.ReturnUrl = returnUrl;
        Panel.ActionPromiseId = input.PromiseId;
        Panel.ActionReason = input.Reason;
        Panel.ActionNewDue = input.NewDue;
        Panel.Errors["Action"] = message;
        return Failed();
    }

    private async Task<IActionResult> DoneAsync(long id, string? returnUrl, string message, CancellationToken ct)
    {
        if (!IsHtmx) return LocalRedirect(SafeReturn(returnUrl, id) + "#interaction-promises");
        Panel = await panels.LoadAsync(User, id, ct);
        Panel.ReturnUrl = returnUrl;
        Panel.Saved = message;
        return Fragment();
    }

    // The fragment (or the page) comes back with the messages and every posted value; 200 so htmx swaps it.
    private IActionResult Failed() => IsHtmx ? Fragment() : Page();

    private PartialViewResult Fragment() => Partial(PromisesPanel.View, Panel);

    private bool IsHtmx => Request.Headers.ContainsKey("HX-Request");

    private static string SafeReturn(string? returnUrl, long id) =>
        returnUrl is { Length: > 1 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) && !r.StartsWith("/\\", StringComparison.Ordinal)
            ? r.Split('#')[0]
            : $"/timeliness/interactions/{id}/promises";
}
