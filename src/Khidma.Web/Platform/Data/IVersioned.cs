namespace Khidma.Web.Platform.Data;

// An app-managed concurrency token that works the same on SQLite and PostgreSQL.
public interface IVersioned
{
    int Version { get; set; }
}
