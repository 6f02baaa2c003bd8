using System.Globalization;
using System.Text.Json;
using Khidma.Web.Areas.Interactions.Domain;
using Khidma.Web.Areas.People.Domain;
using Khidma.Web.Platform.Data;
using Khidma.Web.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Khidma.Web.Areas.Customers.Domain;

// Erasure on request (P1). The customer record stays, anonymized, so interactions and reports keep their
// shape; contacts, background and shared notes are deleted and the customer's own messages are blanked.
// The audit interceptor records the erasure itself. Older audit rows of the same records still hold the
// erased values, so their values are redacted too: who changed what and when stays on record, the personal
// data does not.
public sealed class EraseCustomer(AppDbContext db, TimeProvider clock)
{
    public const string ErasedBody = "[erased]";

    public async Task RunAsync(long customerId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var customer = await db.Customers.Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == customerId, ct)
            ?? throw new NotFoundException();
        var notes = await db.CustomerNotes().Where(n => n.CustomerId == customerId).ToListAsync(ct);
        var messages = await (
                from t in db.TimelineEntries
                join i in db.Interactions on t.InteractionId equals i.Id
                where i.CustomerId == customerId && t.Kind == TimelineKind.CustomerMessage
                select t)
            .ToListAsync(ct);
        var erasedRows = new List<(string Table, string Id)> { ("customers_customers", Id(customerId)) };
        erasedRows.AddRange(customer.Contacts.Select(c => ("customers_contacts", Id(c.Id))));
        erasedRows.AddRange(notes.Select(n => ("customers_notes", Id(n.Id))));
        erasedRows.AddRange(messages.Select(m => ("interactions_timeline", Id(m.Id))));
        var lastAuditBefore = await db.AuditEntries.MaxAsync(a => (long?)a.Id, ct) ?? 0;

        var now = clock.GetUtcNow().UtcDateTime;
        customer.Erase(now);
        db.CustomerNotes().RemoveRange(notes);
        foreach (var message in messages) message.Body = ErasedBody;
        // The customer's portal account goes too: it holds their email and would still let them sign in.
        var accounts = await db.Users.Where(u => u.CustomerId == customerId).ToListAsync(ct);
        foreach (var account in accounts) EraseAccount(account);
        erasedRows.AddRange(accounts.Select(a => ("people_users", a.Id)));
        await db.SaveChangesAsync(ct);

        foreach (var table in erasedRows.Select(r => r.Table).Distinct())
        {
            var ids = erasedRows.Where(r => r.Table == table).Select(r => r.Id).ToList();
            var entries = await db.AuditEntries.Where(a => a.Entity == table && ids.Contains(a.EntityId)).ToListAsync(ct);
            foreach (var entry in entries)
                entry.Changes = Redact(entry.Changes, keepAfter: entry.Id > lastAuditBefore);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static void EraseAccount(AppUser account)
    {
        var placeholder = $"erased-{account.Id}@invalid";
        account.IsActive = false;
        account.DisplayName = ErasedBody;
        account.UserName = account.Email = placeholder;
        account.NormalizedUserName = account.NormalizedEmail = placeholder.ToUpperInvariant();
        account.PasswordHash = null;
        account.PhoneNumber = null;
        // A new stamp makes the cookie of a signed-in session invalid at its next validation.
        account.SecurityStamp = Guid.NewGuid().ToString("N");
    }

    // {"Name": [before, after]}: text values become "[erased]"; the erasure's own rows keep their "after" side.
    public static string Redact(string changes, bool keepAfter)
    {
        using var doc = JsonDocument.Parse(changes);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) return "{}";
        var result = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                result[property.Name] = [ErasedBody];
                continue;
            }
            var values = property.Value.EnumerateArray().ToList();
            result[property.Name] = values.Select((v, i) => keepAfter && i == 1 ? (object?)v.Clone() : Blank(v)).ToArray();
        }
        return JsonSerializer.Serialize(result);
    }

    private static object? Blank(JsonElement value) => value.ValueKind == JsonValueKind.String ? ErasedBody : value.Clone();

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
