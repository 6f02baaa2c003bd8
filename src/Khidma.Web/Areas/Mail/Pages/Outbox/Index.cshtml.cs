using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Mail.Pages.Outbox;

// Mail waiting to leave or given up on; Retry queues a failed message again.
public sealed class IndexModel(AppDbContext db, MailOutbox outbox) : PageModel
{
    public sealed record Row(long Id, long? InteractionId, OutboxKind Kind, string To, string Subject, OutboxState State, int Attempts, DateTime NextAttemptAt, string? Error);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await db.Outbox().AsNoTracking()
            .Where(m => m.State != OutboxState.Sent)
            .OrderByDescending(m => m.Id)
            .Select(m => new Row(m.Id, m.InteractionId, m.Kind, m.ToAddresses, m.Subject, m.State, m.Attempts, m.NextAttemptAt, m.LastError))
            .Take(200).ToListAsync(ct);

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        await outbox.RetryAsync(id, ct);
        return Redirect("/mail/outbox");
    }
}
