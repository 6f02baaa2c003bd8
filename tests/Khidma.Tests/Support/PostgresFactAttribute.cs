namespace Khidma.Tests.Support;

// A test that runs only when a PostgreSQL server is configured (KHIDMA_TEST_PG).
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (KhidmaFactory.PostgresServer is null) Skip = "KHIDMA_TEST_PG not set";
    }
}
