namespace Khidma.Tests.Support;

// A test that needs the PostgreSQL server from scripts/postgres.sh; skipped when KHIDMA_TEST_PG is not set.
// To run a SQLite test class's bodies on PostgreSQL, make its tests virtual and override each one in the
// PostgreSQL class with this attribute (xunit takes the override's attribute instead of the base's [Fact]).
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (KhidmaFactory.PostgresServer is null) Skip = "KHIDMA_TEST_PG not set";
    }
}
