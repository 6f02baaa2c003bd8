namespace Khidma.Tests.Support;

// A test that needs the PostgreSQL server named by KHIDMA_TEST_PG; skipped when it is not set.
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (KhidmaFactory.PostgresServer is null) Skip = "KHIDMA_TEST_PG not set";
    }
}
