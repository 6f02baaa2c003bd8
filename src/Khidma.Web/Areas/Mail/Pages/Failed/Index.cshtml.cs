using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Mail.Pages.Failed;

// Inbound mail that could not be processed: kept with its error, processed again on Retry.
public sealed class IndexModel(AppDbContext db, MailIngest ingest) : PageModel
{
    public sealed record Row(long Id, string Mailbox, string? From, string? Subject, DateTime ReceivedAt, int Attempts, string? Error, long Size);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await (from m in db.Inbound().AsNoTracking()
                      where m.State == InboundState.Failed
                      join b in db.Mailboxes() on m.MailboxId equals b.Id
                      orderby m.Id descending
                      select new Row(m.Id, b.Address, m.FromAddress, m.Subject, m.ReceivedAt, m.Attempts, m.LastError, m.Size))
            .Take(200).ToListAsync(ct);

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        await ingest.RetryAsync(id, ct);
        return Redirect("/mail/failed");
    }
}
