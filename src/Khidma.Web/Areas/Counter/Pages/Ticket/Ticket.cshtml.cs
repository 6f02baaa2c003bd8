using Khidma.Web.Areas.Counter.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Khidma.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Khidma.Web.Areas.Counter.Pages.Ticket;

// The customer's ticket (anonymous, by its unguessable public id): number, service, position and estimated wait,
// with a QR code so the phone can follow it after leaving the kiosk.
public sealed class TicketModel(AppDbContext db, CounterQueue queue) : PageModel
{
    public TicketRow Ticket { get; private set; } = null!;
    public string? Kiosk { get; private set; }
    public string BranchCode { get; private set; } = "";
    public string QrDataUri { get; private set; } = "";
    public string TicketUrl { get; private set; } = "";

    public sealed record TicketRow(string PublicId, string Label, LocalizedText Service, TicketState State, string? Counter,
        DateTime TakenAt, int Ahead, int? WaitMinutes);

    public async Task<IActionResult> OnGetAsync(string publicId, string? kiosk, CancellationToken ct)
    {
        await LoadAsync(publicId, ct);
        Kiosk = kiosk;
        TicketUrl = $"{Request.Scheme}://{Request.Host}/queue/ticket/{Ticket.PublicId}";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(TicketUrl, QRCodeGenerator.ECCLevel.M);
        QrDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(8));
        return Page();
    }

    public async Task<IActionResult> OnGetStatusAsync(string publicId, CancellationToken ct)
    {
        await LoadAsync(publicId, ct);
        return Partial("_Ticket", this);
    }

    private async Task LoadAsync(string publicId, CancellationToken ct)
    {
        var ticket = await db.CounterTickets.AsNoTracking().FirstOrDefaultAsync(t => t.PublicId == publicId, ct) ?? throw new NotFoundException();
        var position = await queue.PositionAsync(ticket, ct);
        var names = await CounterReads.ServiceNamesAsync(db, ct);
        BranchCode = await db.Branches.AsNoTracking().Where(b => b.Id == ticket.BranchId).Select(b => b.Code).FirstOrDefaultAsync(ct) ?? "";
        var counter = ticket.CounterDeskId is { } deskId
            ? await db.CounterDesks.AsNoTracking().Where(d => d.Id == deskId).Select(d => d.Number).FirstOrDefaultAsync(ct)
            : null;
        Ticket = new TicketRow(ticket.PublicId, ticket.Label, names.GetValueOrDefault(ticket.ServiceId) ?? new LocalizedText(), ticket.State, counter,
            ticket.TakenAt, position.Ahead, position.WaitMinutes);
    }
}
