namespace Khidma.Web.Areas.Customers.Domain;

// Shared notes (P3): what one employee learns about a customer belongs to the company, so every employee reads it.
public sealed class CustomerNote
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public string Body { get; set; } = "";
    public string? AuthorId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class CustomerNotesSet
{
    // The module's own table, reached without adding a DbSet to the platform's context.
    public static Microsoft.EntityFrameworkCore.DbSet<CustomerNote> CustomerNotes(this Khidma.Web.Platform.Data.AppDbContext db) =>
        db.Set<CustomerNote>();
}
